package dev.metarec.adapter.local;

import dev.metarec.port.UserProfileStore;
import dev.metarec.port.contract.UserProfileStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LocalUserProfileStoreContractTest extends UserProfileStoreContract {
    @TempDir Path dir;
    private LocalStores stores;

    @Override
    protected UserProfileStore createStore() {
        stores = new LocalStores(dir);
        return stores.profiles;
    }

    @AfterEach
    void close() { stores.close(); }
}
