package dev.metarec.it.contract;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.port.TrainingProgressStore;
import dev.metarec.port.contract.TrainingProgressStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared {@link TrainingProgressStore} contract against the AWS adapter (S3 on s3proxy), fresh tables and bucket per test. */
@ExtendWith(AwsServersExtension.class)
class AwsTrainingProgressStoreContractTest extends TrainingProgressStoreContract {
    private final AwsServers servers;

    AwsTrainingProgressStoreContractTest(AwsServers servers) { this.servers = servers; }

    @Override
    protected TrainingProgressStore createStore() { return AwsStores.fresh(servers, "progress").progress(); }
}
