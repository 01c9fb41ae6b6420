package dev.metarec.it.contract;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.port.ChampionPointer;
import dev.metarec.port.contract.ChampionPointerContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared {@link ChampionPointer} contract against the AWS adapter (DynamoDB control table), fresh tables and bucket per test. */
@ExtendWith(AwsServersExtension.class)
class AwsChampionPointerContractTest extends ChampionPointerContract {
    private final AwsServers servers;

    AwsChampionPointerContractTest(AwsServers servers) { this.servers = servers; }

    @Override
    protected ChampionPointer createStore() { return AwsStores.fresh(servers, "champion").champion(); }
}
