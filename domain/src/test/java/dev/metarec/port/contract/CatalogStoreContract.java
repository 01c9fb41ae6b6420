package dev.metarec.port.contract;

import dev.metarec.model.Attributes;
import dev.metarec.model.Item;
import dev.metarec.port.CatalogStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The behaviour every {@link CatalogStore} adapter must have. */
public abstract class CatalogStoreContract {
    protected CatalogStore store;

    protected abstract CatalogStore createStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception { store = createStore(); }

    @Test
    void upsert_shouldRoundTripAttributesAndReleaseTime() {
        Item item = new Item("i1", new Attributes(Map.of("genre", List.of("Comedy", "Drama"), "year", List.of("1995"))),
                Instant.parse("1995-06-01T00:00:00Z"));
        store.upsert(item);
        assertEquals(item, store.find("i1").orElseThrow());
        assertTrue(store.find("missing").isEmpty());
    }

    @Test
    void upsert_shouldReplaceTheItem_andIncreaseVersion() {
        long v0 = store.version();
        store.upsert(new Item("i1", Attributes.of("genre", "Comedy"), null));
        long v1 = store.version();
        assertTrue(v1 > v0, "version must increase on insert");
        store.upsert(new Item("i1", Attributes.of("genre", "Horror"), null));
        assertTrue(store.version() > v1, "version must increase on change");
        assertEquals(List.of("Horror"), store.find("i1").orElseThrow().attributes().get("genre"));
        assertNull(store.find("i1").orElseThrow().releasedAt());
    }

    @Test
    void all_shouldListEveryItemOnce() {
        for (int i = 0; i < 30; i++) store.upsert(new Item("i" + i, Attributes.of("genre", "G" + (i % 4)), null));
        store.upsert(new Item("i3", Attributes.of("genre", "Other"), null));
        List<Item> all = store.all();
        assertEquals(30, all.size());
        assertEquals(30, all.stream().map(Item::itemId).distinct().count());
    }

    @Test
    void changes_shouldLogEachUpsertAtItsNewVersion() {
        long v0 = store.version();
        store.upsert(new Item("a", Attributes.of("genre", "Comedy"), null));
        store.upsert(new Item("b", Attributes.of("genre", "Drama"), null));
        store.upsert(new Item("a", Attributes.of("genre", "Horror"), null));
        long v3 = store.version();
        Map<Long, String> log = store.changes(v0, v3);
        assertEquals(3, log.size(), log.toString());
        assertEquals(List.of("a", "b", "a"), log.keySet().stream().sorted().map(log::get).toList());
        assertEquals(Map.of(v3, "a"), store.changes(v3 - 1, v3));
        assertTrue(store.changes(v3, v3).isEmpty());
        assertTrue(store.changes(v3, v3 + 5).isEmpty(), "versions not written yet have no entry");
        assertThrows(IllegalArgumentException.class, () -> store.changes(0, CatalogStore.MAX_CHANGES + 1L));
    }

    @Test
    void findAll_shouldReturnTheExistingItemsOnly() {
        for (int i = 0; i < 130; i++) store.upsert(new Item("f" + i, Attributes.of("genre", "G"), null));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i += 2) ids.add("f" + i);
        ids.add("nope");
        List<Item> found = store.findAll(ids);
        assertEquals(65, found.size());
        assertEquals(new java.util.HashSet<>(ids.subList(0, 65)), found.stream().map(Item::itemId).collect(java.util.stream.Collectors.toSet()));
    }
}
