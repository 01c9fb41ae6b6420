package dev.metarec.it.contract;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.port.contract.ItemStatsExactlyOnceContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** Item statistics exactly once across crashes on the DynamoDB adapters (dynalite), fresh tables per test. */
@ExtendWith(AwsServersExtension.class)
class AwsItemStatsExactlyOnceContractTest extends ItemStatsExactlyOnceContract {
    private final AwsServers servers;

    AwsItemStatsExactlyOnceContractTest(AwsServers servers) { this.servers = servers; }

    @Override
    protected Stores createStores() {
        AwsStores s = AwsStores.fresh(servers, "statsOnce");
        return new Stores(s.events(), s.itemStats(), s.contributions());
    }
}
