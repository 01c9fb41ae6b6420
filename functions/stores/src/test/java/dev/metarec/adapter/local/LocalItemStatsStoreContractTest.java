package dev.metarec.adapter.local;

import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.contract.ItemStatsStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LocalItemStatsStoreContractTest extends ItemStatsStoreContract {
    @TempDir Path dir;
    private LocalStores stores;

    @Override
    protected ItemStatsStore createStore() {
        stores = new LocalStores(dir);
        return stores.itemStats;
    }

    @AfterEach
    void close() { stores.close(); }
}
