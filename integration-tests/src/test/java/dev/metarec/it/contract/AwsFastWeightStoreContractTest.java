package dev.metarec.it.contract;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.port.FastWeightStore;
import dev.metarec.port.contract.FastWeightStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared {@link FastWeightStore} contract against the AWS adapter (DynamoDB on dynalite), fresh tables and bucket per test. */
@ExtendWith(AwsServersExtension.class)
class AwsFastWeightStoreContractTest extends FastWeightStoreContract {
    private final AwsServers servers;

    AwsFastWeightStoreContractTest(AwsServers servers) { this.servers = servers; }

    @Override
    protected FastWeightStore createStore() { return AwsStores.fresh(servers, "fastWeights").fastWeights(); }
}
