package dev.metarec.adapter.local;

import dev.metarec.port.CheckpointStore;
import dev.metarec.port.contract.CheckpointStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LocalCheckpointStoreContractTest extends CheckpointStoreContract {
    @TempDir Path dir;
    private LocalStores stores;

    @Override
    protected CheckpointStore createStore() {
        stores = new LocalStores(dir);
        return stores.checkpoints;
    }

    @AfterEach
    void close() { stores.close(); }
}
