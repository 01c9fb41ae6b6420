package dev.metarec.it.contract;

import dev.metarec.adapter.s3.S3EventLogStore;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.port.EventLogStore;
import dev.metarec.port.contract.EventLogStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared {@link EventLogStore} contract against the S3 adapter (s3proxy), a fresh bucket per test. */
@ExtendWith(AwsServersExtension.class)
class AwsEventLogStoreContractTest extends EventLogStoreContract {
    private final AwsServers servers;

    AwsEventLogStoreContractTest(AwsServers servers) { this.servers = servers; }

    @Override
    protected EventLogStore createStore() { return new S3EventLogStore(servers.s3(), servers.freshNamespace("eventLog").bucket()); }
}
