package dev.metarec.it.contract;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.contract.CatalogueRefreshContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** Incremental catalogue refresh against the DynamoDB adapter (items + control change log on dynalite). */
@ExtendWith(AwsServersExtension.class)
class AwsCatalogueRefreshContractTest extends CatalogueRefreshContract {
    private final AwsServers servers;

    AwsCatalogueRefreshContractTest(AwsServers servers) { this.servers = servers; }

    @Override
    protected CatalogStore createStore() { return AwsStores.fresh(servers, "catalogueRefresh").catalog(); }
}
