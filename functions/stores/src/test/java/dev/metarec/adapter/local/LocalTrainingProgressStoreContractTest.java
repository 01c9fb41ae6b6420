package dev.metarec.adapter.local;

import dev.metarec.port.TrainingProgressStore;
import dev.metarec.port.contract.TrainingProgressStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LocalTrainingProgressStoreContractTest extends TrainingProgressStoreContract {
    @TempDir Path dir;
    private LocalStores stores;

    @Override
    protected TrainingProgressStore createStore() {
        stores = new LocalStores(dir);
        return stores.progress;
    }

    @AfterEach
    void close() { stores.close(); }
}
