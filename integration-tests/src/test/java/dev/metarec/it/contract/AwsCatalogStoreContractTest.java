package dev.metarec.it.contract;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.contract.CatalogStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared {@link CatalogStore} contract against the AWS adapter (DynamoDB on dynalite), fresh tables and bucket per test. */
@ExtendWith(AwsServersExtension.class)
class AwsCatalogStoreContractTest extends CatalogStoreContract {
    private final AwsServers servers;

    AwsCatalogStoreContractTest(AwsServers servers) { this.servers = servers; }

    @Override
    protected CatalogStore createStore() { return AwsStores.fresh(servers, "catalog").catalog(); }
}
