package dev.metarec.it.contract;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.contract.ItemStatsStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared {@link ItemStatsStore} contract against the AWS adapter (DynamoDB on dynalite), fresh tables and bucket per test. */
@ExtendWith(AwsServersExtension.class)
class AwsItemStatsStoreContractTest extends ItemStatsStoreContract {
    private final AwsServers servers;

    AwsItemStatsStoreContractTest(AwsServers servers) { this.servers = servers; }

    @Override
    protected ItemStatsStore createStore() { return AwsStores.fresh(servers, "itemStats").itemStats(); }
}
