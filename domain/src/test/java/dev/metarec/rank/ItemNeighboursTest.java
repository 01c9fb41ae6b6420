package dev.metarec.rank;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ItemNeighboursTest {
    // a: u1 u2 u3; b: u1 u2; c: u3 u4; d: u4
    private static final List<List<String>> USERS = List.of(List.of("a", "b"), List.of("a", "b", "b"), List.of("a", "c"), List.of("c", "d"));

    @Test
    void similarity_shouldBeTheShrunkCosineOfTheUserSets() {
        ItemNeighbours n = ItemNeighbours.fit(USERS, 10, 1.0);
        assertEquals(List.of("a", "b", "c", "d"), n.items());
        assertEquals(2 / (Math.sqrt(3 * 2) + 1), n.similarity("a", "b"), 1e-6);
        assertEquals(1 / (Math.sqrt(3 * 2) + 1), n.similarity("a", "c"), 1e-6);
        assertEquals(1 / (Math.sqrt(2 * 1) + 1), n.similarity("c", "d"), 1e-6);
        assertEquals(0.0, n.similarity("a", "d"), "never together");
        assertEquals(0.0, n.similarity("b", "c"));
        assertEquals(n.similarity("a", "b"), n.similarity("b", "a"), 1e-7, "symmetric");
        assertEquals(0.0, n.similarity("a", "unknown"));
    }

    @Test
    void asymmetricCosine_shouldWeighTheTwoItemsPopularityByAlpha() {
        // alpha 1: the share of the item's users who also had the neighbour, P(b | a) = 2/3, P(a | b) = 1
        ItemNeighbours p = ItemNeighbours.fit(USERS, 10, 0.0, 1.0, 0);
        assertEquals(2.0 / 3, p.similarity("a", "b"), 1e-6);
        assertEquals(1.0, p.similarity("b", "a"), 1e-6);
        // alpha 0.3: |U(a) ∩ U(c)| / (|U(a)|^0.3 |U(c)|^0.7 + shrinkage)
        ItemNeighbours q = ItemNeighbours.fit(USERS, 10, 1.0, 0.3, 0);
        assertEquals(1 / (Math.pow(3, 0.3) * Math.pow(2, 0.7) + 1), q.similarity("a", "c"), 1e-6);
        assertEquals(ItemNeighbours.fit(USERS, 10, 1.0), ItemNeighbours.fit(USERS, 10, 1.0, 0.5, 0), "alpha 0.5 is the cosine");
        var e = assertThrows(IllegalArgumentException.class, () -> ItemNeighbours.fit(USERS, 10, 1.0, 1.5, 0));
        assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void forwardWindow_shouldCountOnlyTheItemsThatCameAfter_withinTheWindow() {
        // in order: u1 a b; u2 a b; u3 a c; u4 c d; u5 d a b
        List<List<String>> ordered = List.of(List.of("a", "b"), List.of("a", "b", "b"), List.of("a", "c"), List.of("c", "d"), List.of("d", "a", "b"));
        ItemNeighbours f = ItemNeighbours.fit(ordered, 10, 1.0, 0.5, Integer.MAX_VALUE);
        assertEquals(3 / (Math.sqrt(4 * 3) + 1), f.similarity("a", "b"), 1e-6, "b after a for u1, u2, u5");
        assertEquals(0.0, f.similarity("b", "a"), "a never came after b");
        assertEquals(1 / (Math.sqrt(2 * 2) + 1), f.similarity("c", "d"), 1e-6);
        assertEquals(1 / (Math.sqrt(2 * 4) + 1), f.similarity("d", "a"), 1e-6);
        ItemNeighbours w1 = ItemNeighbours.fit(ordered, 10, 1.0, 0.5, 1);
        assertEquals(0.0, w1.similarity("d", "b"), "b is two items after d: outside a window of 1");
        assertEquals(1 / (Math.sqrt(2 * 3) + 1), ItemNeighbours.fit(ordered, 10, 1.0, 0.5, 2).similarity("d", "b"), 1e-6);
        assertEquals(ItemNeighbours.fit(ordered, 10, 1.0), ItemNeighbours.fit(ordered, 10, 1.0, 0.5, 0), "window 0 is the symmetric overlap");
        assertThrows(IllegalArgumentException.class, () -> ItemNeighbours.fit(ordered, 10, 1.0, 0.5, -1));
    }

    @Test
    void onlyTheMostSimilarNeighbours_shouldBeKept_mostSimilarFirst() {
        ItemNeighbours n = ItemNeighbours.fit(USERS, 1, 1.0);
        assertArrayEquals(new int[]{1}, n.neighboursOf(0), "a keeps b (2 shared users), not c (1)");
        assertEquals(0.0, n.similarity("a", "c"));
        ItemNeighbours wide = ItemNeighbours.fit(USERS, 10, 0.0);
        assertArrayEquals(new int[]{1, 2}, wide.neighboursOf(0));
        float[] s = wide.similaritiesOf(0);
        assertTrue(s[0] > s[1]);
    }

    @Test
    void scores_shouldSumTheSimilaritiesToTheSupport_inTheCandidatesSlots() {
        ItemNeighbours n = ItemNeighbours.fit(USERS, 10, 1.0);
        Map<String, Integer> catalogue = Map.of("d", 0, "c", 1, "b", 2, "x", 3);   // "a" is not in it
        int[] positions = n.positionsIn(id -> catalogue.getOrDefault(id, -1));
        assertArrayEquals(new int[]{-1, 2, 1, 0}, positions, "a, b, c, d by id");
        int[] slotOfPosition = {2, 1, 0, -1};   // candidates b, c, d in slots 0, 1, 2; x is no candidate
        double[] s = n.scores(Map.of("a", 1.0, "d", 1.0, "nobody-knows-me", 1.0), positions, slotOfPosition, 3);
        assertEquals(n.similarity("a", "b"), s[0], 1e-7);
        assertEquals(n.similarity("a", "c") + n.similarity("d", "c"), s[1], 1e-6);
        assertEquals(0.0, s[2], "d is in the support, not its own neighbour");
        assertThrows(IllegalArgumentException.class, () -> n.scores(Map.of("a", 1.0), new int[3], slotOfPosition, 3), "positions of another table");
    }

    @Test
    void invalidLists_shouldBeRejected_namingTheItem() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ItemNeighbours(List.of("a", "b"),
                new int[][]{{1}, {7}}, new float[][]{{0.5f}, {0.5f}}, 5, 1.0));
        assertTrue(e.getMessage().contains("item b") && e.getMessage().contains("7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ItemNeighbours(List.of("a", "b"),
                new int[][]{{1}, {0}}, new float[][]{{Float.NaN}, {0.5f}}, 5, 1.0));
        assertTrue(e.getMessage().contains("item a"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ItemNeighbours(List.of("b", "a"), new int[2][0], new float[2][0], 5, 1.0));
    }
}
