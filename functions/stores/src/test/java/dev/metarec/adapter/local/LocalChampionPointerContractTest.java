package dev.metarec.adapter.local;

import dev.metarec.port.ChampionPointer;
import dev.metarec.port.contract.ChampionPointerContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LocalChampionPointerContractTest extends ChampionPointerContract {
    @TempDir Path dir;
    private LocalStores stores;

    @Override
    protected ChampionPointer createStore() {
        stores = new LocalStores(dir);
        return stores.champion;
    }

    @AfterEach
    void close() { stores.close(); }
}
