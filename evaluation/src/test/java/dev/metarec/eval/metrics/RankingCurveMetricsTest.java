package dev.metarec.eval.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The few-shot ranking curve's metrics on hand-made rankings, with hand-computed values. */
class RankingCurveMetricsTest {
    private static final double EPS = 1e-12;

    private static double log2(double x) { return Math.log(x) / Math.log(2); }

    /** 25 candidates with scores 25, 24, ..., 1 (candidate i is ranked i+1); positives at the given ranks (1-based). */
    private static double[] descending(int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = n - i;
        return s;
    }

    private static boolean[] positivesAtRanks(int n, int... ranks) {
        boolean[] p = new boolean[n];
        for (int r : ranks) p[r - 1] = true;
        return p;
    }

    @Test
    void recallCapped_dividesByTheSmallerOfKAndThePositives() {
        double[] s = descending(25);
        // 12 positives: ranks 1, 3, 5, 11..19, 25 -> 3 hits in the top 10
        boolean[] many = positivesAtRanks(25, 1, 3, 5, 11, 12, 13, 14, 15, 16, 17, 18, 19, 25);
        assertEquals(3.0 / 10, RankingMetrics.recallCapped(s, many, 10), EPS, "13 positives: hits / 10");
        assertEquals(3.0 / 13, RankingMetrics.recall(s, many, 10), EPS, "the uncapped recall divides by all 13");
        assertEquals(12.0 / 13, RankingMetrics.recallCapped(s, many, 20), EPS, "Recall@20: 12 hits / min(20, 13)");
        // 2 positives at ranks 4 and 12: 1 hit in the top 10, min(10, 2) = 2
        boolean[] two = positivesAtRanks(25, 4, 12);
        assertEquals(0.5, RankingMetrics.recallCapped(s, two, 10), EPS);
        assertEquals(1.0, RankingMetrics.recallCapped(s, two, 20), EPS);
    }

    @Test
    void ndcgBinary_handComputed() {
        double[] s = descending(25);
        boolean[] two = positivesAtRanks(25, 4, 12);
        // DCG@10 = 1/log2(5); ideal: two hits at ranks 1, 2 = 1 + 1/log2(3)
        assertEquals((1 / log2(5)) / (1 + 1 / log2(3)), RankingMetrics.ndcgBinary(s, two, 10), EPS);
    }

    @Test
    void ranked_givesTheSameValuesAsTheStaticMethods_andTopBreaksTiesByIndex() {
        double[] s = {0.2, 0.9, 0.9, 0.1, 0.5, 0.9};
        boolean[] p = {true, false, true, false, false, false};
        RankingMetrics.Ranked r = new RankingMetrics.Ranked(s, p);
        assertEquals(RankingMetrics.recallCapped(s, p, 2), r.recallCapped(2), EPS);
        assertEquals(RankingMetrics.ndcgBinary(s, p, 3), r.ndcgBinary(3), EPS);
        // three tied at 0.9 share ranks 1-3: the positive among them is in the top 2 with probability 2/3
        assertEquals((2.0 / 3) / 2, r.recallCapped(2), EPS);
        assertArrayEquals(new int[]{1, 2, 5, 4}, r.top(4), "ties in index order, then 0.5");
        assertThrows(IllegalArgumentException.class, () -> new RankingMetrics.Ranked(s, new boolean[6]), "no positive");
    }

    @Test
    void coverage_isDistinctItemsOverCatalogueSize() {
        List<List<String>> tops = List.of(List.of("a", "b", "c"), List.of("b", "c", "d"), List.of("a", "e", "b"));
        assertEquals(5.0 / 20, CatalogueMetrics.coverage(tops, 20), EPS);
    }

    @Test
    void head_isTheMostPopularItemsReaching20PercentOfInteractions_andLongTailShareCountsSlotsOutsideIt() {
        // 100 interactions: a 15, b 10, c 10, d 5, and 60 items with 1 each
        Map<String, Integer> counts = new java.util.HashMap<>(Map.of("a", 15, "b", 10, "c", 10, "d", 5, "never", 0));
        for (int i = 0; i < 60; i++) counts.put("t" + i, 1);
        // a (15) < 20; a + b (25) >= 20 -> head = {a, b}; b wins the tie with c by id
        assertEquals(Set.of("a", "b"), CatalogueMetrics.head(counts, 0.2));
        List<List<String>> tops = List.of(List.of("a", "b", "c", "t1"), List.of("a", "d", "t2", "never"));
        // 8 slots, 2 + 1 in the head -> 5 of 8 in the tail
        assertEquals(5.0 / 8, CatalogueMetrics.longTailShare(tops, CatalogueMetrics.head(counts, 0.2)), EPS);
        assertEquals(Set.of("c"), CatalogueMetrics.head(Map.of("a", 30, "b", 1, "c", 69), 0.2), "one item past 20% is the whole head");
    }
}
