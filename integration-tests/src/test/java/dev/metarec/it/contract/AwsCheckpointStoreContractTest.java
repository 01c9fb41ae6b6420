package dev.metarec.it.contract;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.port.CheckpointStore;
import dev.metarec.port.contract.CheckpointStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared {@link CheckpointStore} contract against the AWS adapter (S3 on s3proxy), fresh tables and bucket per test. */
@ExtendWith(AwsServersExtension.class)
class AwsCheckpointStoreContractTest extends CheckpointStoreContract {
    private final AwsServers servers;

    AwsCheckpointStoreContractTest(AwsServers servers) { this.servers = servers; }

    @Override
    protected CheckpointStore createStore() { return AwsStores.fresh(servers, "checkpoints").checkpoints(); }
}
