package dev.metarec.adapter.local;

import dev.metarec.port.FastWeightStore;
import dev.metarec.port.contract.FastWeightStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LocalFastWeightStoreContractTest extends FastWeightStoreContract {
    @TempDir Path dir;
    private LocalStores stores;

    @Override
    protected FastWeightStore createStore() {
        stores = new LocalStores(dir);
        return stores.fastWeights;
    }

    @AfterEach
    void close() { stores.close(); }
}
