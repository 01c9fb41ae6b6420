package dev.metarec.adapter.local;

import dev.metarec.port.CatalogStore;
import dev.metarec.port.contract.CatalogueRefreshContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LocalCatalogueRefreshContractTest extends CatalogueRefreshContract {
    @TempDir Path dir;
    private LocalStores stores;

    @Override
    protected CatalogStore createStore() {
        stores = new LocalStores(dir);
        return stores.catalog;
    }

    @AfterEach
    void close() { stores.close(); }
}
