package dev.metarec.it.contract;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.port.EventStore;
import dev.metarec.port.contract.EventStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared {@link EventStore} contract against the AWS adapter (DynamoDB on dynalite), fresh tables and bucket per test. */
@ExtendWith(AwsServersExtension.class)
class AwsEventStoreContractTest extends EventStoreContract {
    private final AwsServers servers;

    AwsEventStoreContractTest(AwsServers servers) { this.servers = servers; }

    @Override
    protected EventStore createStore() { return AwsStores.fresh(servers, "events").events(); }
}
