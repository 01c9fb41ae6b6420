package dev.metarec.adapter.local;

import dev.metarec.port.EventStore;
import dev.metarec.port.contract.EventStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LocalEventStoreContractTest extends EventStoreContract {
    @TempDir Path dir;
    private LocalStores stores;

    @Override
    protected EventStore createStore() {
        stores = new LocalStores(dir);
        return stores.events;
    }

    @AfterEach
    void close() { stores.close(); }
}
