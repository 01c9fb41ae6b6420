package dev.metarec.it.contract;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.port.contract.SecurityPortsContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 11's storage behaviour on DynamoDB (dynalite) and S3 (s3proxy): fresh tables and bucket per test. */
@ExtendWith(AwsServersExtension.class)
class AwsSecurityPortsContractTest extends SecurityPortsContract {
    private final AwsServers servers;

    AwsSecurityPortsContractTest(AwsServers servers) { this.servers = servers; }

    @Override
    protected Stores createStores() {
        AwsStores a = AwsStores.fresh(servers, "security");
        return new Stores(a.events(), a.itemStats(), a.contributions(), a.quota(), a.erasures(), a.fastWeights(), a.champion());
    }
}
