package dev.metarec.eval.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MetricsTest {
    private static final double EPS = 1e-12;
    private static double log2(double x) { return Math.log(x) / Math.log(2); }

    @Test
    void maeAndRmse_handComputed() {
        double[] p = {3, 4, 2}, y = {4, 4, 5};
        assertEquals(4.0 / 3, RatingMetrics.mae(p, y), EPS);
        assertEquals(Math.sqrt(10.0 / 3), RatingMetrics.rmse(p, y), EPS);
        assertThrows(IllegalArgumentException.class, () -> RatingMetrics.mae(new double[]{1}, new double[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> RatingMetrics.mae(new double[]{Double.NaN}, new double[]{1}));
    }

    @Test
    void ndcg_exponentialAndLinearGain_handComputed() {
        // ranking by score: item0 (r=3), item2 (r=1), item1 (r=2)
        double[] scores = {0.9, 0.1, 0.5};
        double[] rel = {3, 2, 1};
        double dcgExp = 7 / log2(2) + 1 / log2(3) + 3 / log2(4);
        double idealExp = 7 / log2(2) + 3 / log2(3) + 1 / log2(4);
        assertEquals(dcgExp / idealExp, RankingMetrics.ndcg(scores, rel, 3, Gain.EXPONENTIAL), EPS);
        double dcgLin = 3 + 1 / log2(3) + 2 / log2(4);
        double idealLin = 3 + 2 / log2(3) + 1 / log2(4);
        assertEquals(dcgLin / idealLin, RankingMetrics.ndcg(scores, rel, 3, Gain.LINEAR), EPS);
        // at k = 2 only the top two positions count
        assertEquals((7 + 1 / log2(3)) / (7 + 3 / log2(3)), RankingMetrics.ndcg(scores, rel, 2, Gain.EXPONENTIAL), EPS);
        assertEquals(1.0, RankingMetrics.ndcg(new double[]{3, 2, 1}, rel, 3, Gain.LINEAR), EPS);
    }

    @Test
    void ndcg_ofTiedScores_isTheExpectationOverOrders() {
        double[] rel = {1, 0};
        // both orders equally likely: (1 + 1/log2(3)) / 2 over ideal 1
        double expected = (1 + 1 / log2(3)) / 2;
        assertEquals(expected, RankingMetrics.ndcg(new double[]{5, 5}, rel, 2, Gain.LINEAR), EPS);
        assertEquals(expected, RankingMetrics.ndcg(new double[]{5, 5}, new double[]{0, 1}, 2, Gain.LINEAR), EPS, "input order does not matter");
        // k = 1 with a two-way tie: half the relevant item's gain
        assertEquals(0.5, RankingMetrics.ndcg(new double[]{5, 5}, rel, 1, Gain.LINEAR), EPS);
    }

    @Test
    void recallAndBinaryNdcg_handComputed() {
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5};
        boolean[] pos = {false, true, false, false, true};
        assertEquals(0.5, RankingMetrics.recall(scores, pos, 2), EPS);
        assertEquals(1.0, RankingMetrics.recall(scores, pos, 5), EPS);
        double dcg = 1 / log2(3);
        double ideal = 1 + 1 / log2(3);
        assertEquals(dcg / ideal, RankingMetrics.ndcgBinary(scores, pos, 2), EPS);
        // a tie straddling the cut-off: 3 items tied for positions 2-4 with one positive, k = 2
        double[] tied = {0.9, 0.5, 0.5, 0.5};
        boolean[] p2 = {false, false, true, false};
        assertEquals(1.0 / 3, RankingMetrics.recall(tied, p2, 2), EPS);
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.recall(scores, new boolean[5], 2));
    }

    @Test
    void auc_handComputed_withTies() {
        assertEquals(1.0, RankingMetrics.auc(new double[]{3, 2, 1}, new boolean[]{true, false, false}), EPS);
        assertEquals(0.0, RankingMetrics.auc(new double[]{1, 2, 3}, new boolean[]{true, false, false}), EPS);
        // pos {0.8, 0.4}, neg {0.6, 0.4}: pairs (0.8>0.6)=1, (0.8>0.4)=1, (0.4<0.6)=0, (0.4=0.4)=0.5 -> 2.5/4
        assertEquals(0.625, RankingMetrics.auc(new double[]{0.8, 0.4, 0.6, 0.4}, new boolean[]{true, true, false, false}), EPS);
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.auc(new double[]{1}, new boolean[]{true}));
    }

    @Test
    void summary_meanAndStudentInterval() {
        Summary s = Summary.of(new double[]{1, 2, 3, 4, 5});
        assertEquals(3.0, s.mean(), EPS);
        assertEquals(2.776 * Math.sqrt(2.5) / Math.sqrt(5), s.halfWidth(), 1e-9);
        assertTrue(Summary.of(new double[]{1, 1.1, 0.9}).entirelyBelow(Summary.of(new double[]{2, 2.1, 1.9})));
        assertFalse(Summary.of(new double[]{1, 3, 2}).entirelyBelow(Summary.of(new double[]{2, 2.1, 1.9})));
        assertTrue(Double.isNaN(Summary.of(new double[]{4}).halfWidth()));
    }
}
