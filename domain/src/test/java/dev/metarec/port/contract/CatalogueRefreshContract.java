package dev.metarec.port.contract;

import dev.metarec.model.Attributes;
import dev.metarec.model.Item;
import dev.metarec.port.CatalogStore;
import dev.metarec.service.CatalogueMirror;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A container's catalogue refresh over a real {@link CatalogStore}: after the first full read, a change
 * reads only the changed items (reads counted through the port), and a version missing from the change log
 * makes the mirror wait and then rescan once.
 */
public abstract class CatalogueRefreshContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(15);

    protected abstract CatalogStore createStore() throws Exception;

    /** Counts the reads a mirror makes; {@code hidden} versions are left out of the change log (a write in flight). */
    static final class Counting implements CatalogStore {
        final CatalogStore store;
        final AtomicInteger all = new AtomicInteger(), itemsRead = new AtomicInteger(), logCalls = new AtomicInteger();
        final Set<Long> hidden = new java.util.HashSet<>();

        Counting(CatalogStore store) { this.store = store; }

        @Override public void upsert(Item item) { store.upsert(item); }
        @Override public Optional<Item> find(String itemId) { itemsRead.incrementAndGet(); return store.find(itemId); }
        @Override public List<Item> findAll(Collection<String> ids) { itemsRead.addAndGet(ids.size()); return store.findAll(ids); }
        @Override public List<Item> all() { all.incrementAndGet(); return store.all(); }
        @Override public long version() { return store.version(); }
        @Override public Map<Long, String> changes(long after, long upTo) {
            logCalls.incrementAndGet();
            Map<Long, String> log = new HashMap<>(store.changes(after, upTo));
            hidden.forEach(log::remove);
            return log;
        }
    }

    private Counting store;
    private CatalogueMirror mirror;

    @BeforeEach
    void setUp() throws Exception {
        store = new Counting(createStore());
        mirror = new CatalogueMirror(store, GRACE);
        for (int i = 0; i < 40; i++) store.upsert(new Item("m" + i, Attributes.of("genre", "G" + (i % 3)), null));
    }

    private static Item item(String id, String genre) { return new Item(id, Attributes.of("genre", genre), null); }

    @Test
    void aChange_shouldReadOnlyTheChangedItems() {
        CatalogueMirror.View first = mirror.refresh(store.version(), T0);
        assertTrue(first.full());
        assertEquals(40, first.items().size());
        assertEquals(1, store.all.get());

        store.upsert(item("m3", "Horror"));
        store.upsert(item("brand-new", "Comedy"));
        CatalogueMirror.View next = mirror.refresh(store.version(), T0);
        assertFalse(next.full());
        assertEquals(1, store.all.get(), "no rescan");
        assertEquals(2, store.itemsRead.get(), "only the two changed items are read");
        assertEquals(Set.of("m3", "brand-new"), next.changed());
        assertEquals(41, next.items().size());
        assertEquals(List.of("Horror"), next.items().get("m3").attributes().get("genre"));
        assertEquals(store.version(), next.version());

        CatalogueMirror.View same = mirror.refresh(store.version(), T0);
        assertTrue(same.changed().isEmpty());
        assertEquals(2, store.itemsRead.get(), "no change, no read");
        assertEquals(1, store.logCalls.get());
    }

    @Test
    void aVersionMissingFromTheLog_shouldBeAskedAgain_thenRescannedAfterTheGrace() {
        mirror.refresh(store.version(), T0);
        store.upsert(item("late", "G1"));       // its log entry is "in flight"
        long late = store.version();
        store.hidden.add(late);
        store.upsert(item("after", "G2"));
        CatalogueMirror.View v = mirror.refresh(store.version(), T0);
        assertEquals(late - 1, v.version(), "the mirror does not move past a missing version");
        assertTrue(v.items().containsKey("after"), "changes already logged are applied at once");
        assertFalse(v.items().containsKey("late"));

        store.hidden.clear();                   // the writer finished
        v = mirror.refresh(store.version(), T0.plusSeconds(1));
        assertEquals(store.version(), v.version());
        assertTrue(v.items().containsKey("late"));
        assertEquals(1, store.all.get());

        store.upsert(item("lost", "G1"));       // a writer that died before logging
        store.hidden.add(store.version());
        mirror.refresh(store.version(), T0.plusSeconds(2));
        mirror.refresh(store.version(), T0.plusSeconds(10));
        assertEquals(1, store.all.get(), "within the grace the mirror keeps asking the log");
        v = mirror.refresh(store.version(), T0.plusSeconds(2).plus(GRACE));
        assertEquals(2, store.all.get(), "after the grace it rescans once");
        assertTrue(v.full());
        assertTrue(v.items().containsKey("lost"));
        assertEquals(store.version(), v.version());
    }

    @Test
    void fallingFarBehind_shouldRescanOnce() {
        mirror.refresh(store.version(), T0);
        for (int i = 0; i <= CatalogStore.MAX_CHANGES; i++) store.upsert(item("bulk" + (i % 50), "G0"));
        CatalogueMirror.View v = mirror.refresh(store.version(), T0);
        assertTrue(v.full());
        assertEquals(2, store.all.get());
        assertEquals(0, store.logCalls.get());
        assertEquals(90, v.items().size());
    }
}
