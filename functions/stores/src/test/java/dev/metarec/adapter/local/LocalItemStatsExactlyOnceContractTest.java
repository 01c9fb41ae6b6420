package dev.metarec.adapter.local;

import dev.metarec.port.contract.ItemStatsExactlyOnceContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class LocalItemStatsExactlyOnceContractTest extends ItemStatsExactlyOnceContract {
    @TempDir Path dir;
    private LocalStores stores;

    @Override
    protected Stores createStores() {
        stores = new LocalStores(dir);
        return new Stores(stores.events, stores.itemStats, stores.contributions);
    }

    @AfterEach
    void close() { stores.close(); }

    @Test
    void theStatisticsStateSurvivesAReopen() {
        var first = stores.events.appendTracked(new dev.metarec.model.Event("e1", "u1", "i1", dev.metarec.model.EventType.CLICK, null, T0), T0);
        stores.itemStats.addOnce("i1", first.statsToken(), 1, 0.0, 1, 1.0);
        stores.close();
        stores = new LocalStores(dir);
        var again = stores.events.appendTracked(new dev.metarec.model.Event("e1", "u1", "i1", dev.metarec.model.EventType.CLICK, null, T0), T0);
        assertFalse(again.statsApplied());
        assertEquals(first.statsToken(), again.statsToken());
        assertEquals(java.util.Set.of(first.statsToken()), stores.itemStats.pending("i1"));
        assertFalse(stores.itemStats.addOnce("i1", first.statsToken(), 1, 0.0, 1, 1.0));
    }
}
