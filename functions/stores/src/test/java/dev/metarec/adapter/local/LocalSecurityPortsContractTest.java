package dev.metarec.adapter.local;

import dev.metarec.port.contract.SecurityPortsContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LocalSecurityPortsContractTest extends SecurityPortsContract {
    @TempDir Path dir;
    private LocalStores stores;

    @Override
    protected Stores createStores() {
        stores = new LocalStores(dir);
        return new Stores(stores.events, stores.itemStats, stores.contributions, stores.quota, stores.erasures, stores.fastWeights, stores.champion);
    }

    @AfterEach
    void close() { stores.close(); }
}
