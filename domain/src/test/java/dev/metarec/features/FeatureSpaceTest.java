package dev.metarec.features;

import dev.metarec.model.Attributes;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureSpaceTest {
    static final ModelConfig CONFIG = new ModelConfig(
            List.of(FeatureSpec.categorical("country"), FeatureSpec.numeric("age", 3)),
            List.of(FeatureSpec.multi("genre"), FeatureSpec.categorical("director")),
            4, List.of(8), Objective.SQUARED_ERROR, List.of("out.W", "out.b"), true, true, 0.01);

    static final List<UserProfile> USERS = List.of(
            new UserProfile("u1", Attributes.of("country", "FR", "age", "20")),
            new UserProfile("u2", Attributes.of("country", "DE", "age", "30")),
            new UserProfile("u3", Attributes.of("country", "FR", "age", "40")));
    static final List<Item> ITEMS = List.of(
            new Item("i1", Attributes.of("genre", "Drama|Comedy", "director", "Varda"), null),
            new Item("i2", Attributes.of("genre", "Action", "director", "Bigelow"), null));

    static FeatureSpace fitted() { return FeatureSpace.fit(CONFIG, USERS, ITEMS, 1); }

    @Test
    void fit_givesTableRowsPerFeature_inConfigOrder() {
        FeatureSpace s = fitted();
        assertArrayEquals(new int[] {1 + 2 + 16, 1 + 3}, s.userTableRows());
        assertArrayEquals(new int[] {1 + 3 + 32, 1 + 2 + 16}, s.itemTableRows());
        assertEquals(3, s.userIdRows());
        assertEquals(2, s.itemIdRows());
    }

    @Test
    void encodeUser_knownAndUnknown() {
        FeatureSpace s = fitted();
        EncodedEntity u = s.encodeUser(new UserProfile("u2", Attributes.of("country", "DE", "age", "35")));
        assertEquals(2, u.slotCount());
        assertArrayEquals(new int[] {1}, u.slots()[0]);
        assertEquals(1, u.idRow());
        EncodedEntity stranger = s.encodeUser(new UserProfile("nobody", Attributes.of("country", "JP")));
        assertEquals(-1, stranger.idRow());
        assertTrue(stranger.slots()[0][0] >= 3, "an unseen country hashes past the known rows");
        assertArrayEquals(new int[] {0}, stranger.slots()[1], "missing age is row 0");
    }

    @Test
    void encodeItem_multiValued() {
        EncodedEntity i = fitted().encodeItem(new Item("i1", Attributes.of("genre", "Drama|Action", "director", "Varda"), null));
        assertArrayEquals(new int[] {3, 1}, i.slots()[0]);
        assertArrayEquals(new int[] {2}, i.slots()[1]);
        assertEquals(0, i.idRow());
    }

    @Test
    void idRowsOnlyForEntitiesWithHistory_whenGiven() {
        FeatureSpace s = FeatureSpace.fit(CONFIG, USERS, ITEMS, 1, Set.of("u3"), Set.of());
        assertEquals(0, s.encodeUser(USERS.get(2)).idRow());
        assertEquals(-1, s.encodeUser(USERS.get(0)).idRow());
        assertEquals(1, s.itemIdRows(), "an ID table keeps one row even with no ids");
        assertEquals(-1, s.encodeItem(ITEMS.get(0)).idRow());
    }

    @Test
    void equalFits_areEqualValues_regardlessOfInputOrder() {
        FeatureSpace a = fitted();
        FeatureSpace b = FeatureSpace.fit(CONFIG, USERS.reversed(), ITEMS.reversed(), 1);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void fit_readsItsInputOnce_soOneShotIterablesWork() {
        Iterable<UserProfile> once = USERS.stream()::iterator;
        Iterable<Item> itemsOnce = ITEMS.stream()::iterator;
        assertEquals(fitted(), FeatureSpace.fit(CONFIG, once, itemsOnce, 1));
    }

    @Test
    void withoutIdEmbeddings_idRowIsMinusOne_andNoIdRows() {
        ModelConfig noIds = new ModelConfig(CONFIG.userFeatures(), CONFIG.itemFeatures(), 4, List.of(8), Objective.LOGISTIC, List.of("out.b"), false, false, 0.01);
        FeatureSpace s = FeatureSpace.fit(noIds, USERS, ITEMS, 1);
        assertEquals(0, s.userIdRows());
        assertEquals(-1, s.encodeUser(USERS.get(0)).idRow());
        s.requireCompatible(noIds);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.requireCompatible(CONFIG));
        assertTrue(e.getMessage().contains("user ID"), e.getMessage());
    }

    @Test
    void requireCompatible_rejectsDifferentSpecs() {
        ModelConfig other = new ModelConfig(List.of(FeatureSpec.categorical("country")), CONFIG.itemFeatures(), 4, List.of(8), Objective.LOGISTIC, List.of("out.b"), true, true, 0.01);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fitted().requireCompatible(other));
        assertTrue(e.getMessage().contains("user feature specs differ"), e.getMessage());
    }

    @Test
    void concurrentEncoding_givesTheSameRows() {
        FeatureSpace s = fitted();
        Set<String> results = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 2000).parallel().forEach(i -> {
            EncodedEntity e = s.encodeItem(new Item("x", Attributes.of("genre", "Noir|Drama", "director", "new" + (i % 3)), null));
            results.add(java.util.Arrays.deepToString(e.slots()) + (i % 3));
        });
        assertEquals(3, results.size());
    }
}
