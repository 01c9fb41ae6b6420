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
}
