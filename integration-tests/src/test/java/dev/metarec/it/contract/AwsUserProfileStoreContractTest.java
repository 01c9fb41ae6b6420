package dev.metarec.it.contract;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.port.UserProfileStore;
import dev.metarec.port.contract.UserProfileStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared {@link UserProfileStore} contract against the AWS adapter (DynamoDB on dynalite), fresh tables and bucket per test. */
@ExtendWith(AwsServersExtension.class)
class AwsUserProfileStoreContractTest extends UserProfileStoreContract {
    private final AwsServers servers;

    AwsUserProfileStoreContractTest(AwsServers servers) { this.servers = servers; }

    @Override
    protected UserProfileStore createStore() { return AwsStores.fresh(servers, "profiles").profiles(); }
}
