package dev.metarec.adapter.local;

import dev.metarec.port.EventLogStore;
import dev.metarec.port.contract.EventLogStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LocalEventLogStoreContractTest extends EventLogStoreContract {
    @TempDir Path dir;

    @Override
    protected EventLogStore createStore() { return new FileEventLogStore(dir.resolve("event-log")); }
}
