package dev.metarec.eval.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Ranking metrics with tied scores handled exactly: a group of tied items is treated as every order of
 * it being equally likely, and the metric is its expectation (McSherry and Najork, "Computing
 * Information Retrieval Performance Measures Efficiently in the Presence of Tied Scores", ECIR 2008).
 * So a constant predictor gets the score of a random order, never a lucky one from input order.
 * Positions are 1-based; the DCG discount of position p is 1 / log2(p + 1).
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    /**
     * nDCG@k of the items ranked by {@code scores} (descending), with graded {@code relevance}.
     * The ideal ranking sorts by relevance. Returns 1 when no item has positive gain (nothing to rank).
     */
    public static double ndcg(double[] scores, double[] relevance, int k, Gain gain) {
        RatingMetrics.requireSameNonEmpty(scores, relevance);
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, was " + k);
        double[] gains = new double[relevance.length];
        for (int i = 0; i < gains.length; i++) gains[i] = gain.of(relevance[i]);
        double ideal = idealDcg(gains, k);
        if (ideal <= 0) return 1.0;
        return expectedDcg(scores, gains, k) / ideal;
    }

    /** Expected DCG@k of the gains under the ranking by scores, ties broken uniformly at random. */
    static double expectedDcg(double[] scores, double[] gains, int k) {
        return expectedDcg(scores, byScoreDescending(scores), gains, k);
    }

    private static double expectedDcg(double[] scores, Integer[] order, double[] gains, int k) {
        double dcg = 0;
        int start = 0;
        while (start < order.length && start < k) {
            int end = start;
            while (end < order.length && scores[order[end]] == scores[order[start]]) end++;
            double groupGain = 0;
            for (int p = start; p < end; p++) groupGain += gains[order[p]];
            double meanDiscount = 0;
            for (int p = start; p < Math.min(end, k); p++) meanDiscount += discount(p + 1);
            dcg += groupGain * meanDiscount / (end - start);
            start = end;
        }
        return dcg;
    }

    static double idealDcg(double[] gains, int k) {
        double[] sorted = gains.clone();
        Arrays.sort(sorted);
        double dcg = 0;
        for (int p = 0; p < Math.min(k, sorted.length); p++) dcg += sorted[sorted.length - 1 - p] * discount(p + 1);
        return dcg;
    }

    static double discount(int position) { return 1.0 / (Math.log(position + 1) / Math.log(2)); }

    /**
     * Recall@k: the expected share of the positives ranked in the top k, hits / |positives|.
     * {@code positive[i]} marks the relevant candidates; at least one must be set.
     */
    public static double recall(double[] scores, boolean[] positive, int k) {
        int positives = requirePositives(scores, positive, k);
        return expectedHits(scores, positive, k) / positives;
    }

    /**
     * Recall@k capped: expected hits in the top k / min(k, |positives|), so a user with more than k
     * positives can reach 1 (the definition of the outside check in issue 10).
     */
    public static double recallCapped(double[] scores, boolean[] positive, int k) {
        int positives = requirePositives(scores, positive, k);
        return expectedHits(scores, positive, k) / Math.min(k, positives);
    }

    /** nDCG@k with binary relevance over all candidates (ideal: min(k, |positives|) hits on top). */
    public static double ndcgBinary(double[] scores, boolean[] positive, int k) {
        requirePositives(scores, positive, k);
        double[] gains = new double[positive.length];
        for (int i = 0; i < gains.length; i++) gains[i] = positive[i] ? 1 : 0;
        return expectedDcg(scores, gains, k) / idealDcg(gains, k);
    }

    /**
     * Area under the ROC curve: the probability that a random positive outscores a random negative,
     * ties counting one half (Mann-Whitney U / (P * N)). Needs at least one positive and one negative.
     */
    public static double auc(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) throw new IllegalArgumentException("can't compare " + scores.length + " scores with " + positive.length + " labels");
        Integer[] order = byScoreDescending(scores);
        long pos = 0, neg = 0;
        for (boolean p : positive) if (p) pos++; else neg++;
        if (pos == 0 || neg == 0) throw new IllegalArgumentException("AUC needs positives and negatives, got " + pos + " and " + neg);
        double negativesBelow = neg, u = 0;
        int start = 0;
        while (start < order.length) {
            int end = start;
            long p = 0, n = 0;
            while (end < order.length && scores[order[end]] == scores[order[start]]) {
                if (positive[order[end]]) p++; else n++;
                end++;
            }
            negativesBelow -= n;
            u += p * (negativesBelow + 0.5 * n);
            start = end;
        }
        return u / ((double) pos * neg);
    }

    private static double expectedHits(double[] scores, boolean[] positive, int k) {
        return expectedHits(scores, byScoreDescending(scores), positive, k);
    }

    private static double expectedHits(double[] scores, Integer[] order, boolean[] positive, int k) {
        double hits = 0;
        int start = 0;
        while (start < order.length && start < k) {
            int end = start;
            int p = 0;
            while (end < order.length && scores[order[end]] == scores[order[start]]) { if (positive[order[end]]) p++; end++; }
            hits += p * (double) (Math.min(end, k) - start) / (end - start);
            start = end;
        }
        return hits;
    }

    private static int requirePositives(double[] scores, boolean[] positive, int k) {
        if (scores.length != positive.length) throw new IllegalArgumentException("can't compare " + scores.length + " scores with " + positive.length + " labels");
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, was " + k);
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) throw new IllegalArgumentException("non-finite score at " + i + ": " + scores[i]);
            if (positive[i]) n++;
        }
        if (n == 0) throw new IllegalArgumentException("no positive candidate to find");
        return n;
    }

    /**
     * One user's candidates sorted once, for several metrics of the same scores (the few-shot ranking
     * curve scores Recall@10, nDCG@10, Recall@20 and the top 10 of every list). Ties are handled as in
     * the static methods; {@link #top} breaks them by candidate index, so it is deterministic.
     */
    public static final class Ranked {
        private final double[] scores;
        private final boolean[] positive;
        private final Integer[] order;
        private final int positives;

        public Ranked(double[] scores, boolean[] positive) {
            this.positives = requirePositives(scores, positive, 1);
            this.scores = scores.clone();
            this.positive = positive.clone();
            this.order = byScoreDescending(this.scores);
        }

        /** Expected hits in the top k / min(k, |positives|): see {@link RankingMetrics#recallCapped}. */
        public double recallCapped(int k) {
            if (k < 1) throw new IllegalArgumentException("k must be >= 1, was " + k);
            return expectedHits(scores, order, positive, k) / Math.min(k, positives);
        }

        /** See {@link RankingMetrics#ndcgBinary}. */
        public double ndcgBinary(int k) {
            if (k < 1) throw new IllegalArgumentException("k must be >= 1, was " + k);
            double[] gains = new double[positive.length];
            for (int i = 0; i < gains.length; i++) gains[i] = positive[i] ? 1 : 0;
            return expectedDcg(scores, order, gains, k) / idealDcg(gains, k);
        }

        /** The candidate indices of the n best scores, best first; ties in candidate-index order. */
        public int[] top(int n) {
            int[] out = new int[Math.min(n, order.length)];
            for (int i = 0; i < out.length; i++) out[i] = order[i];
            return out;
        }
    }

    /** The indices of the n best scores, best first; ties in index order (as {@link Ranked#top}). */
    public static int[] top(double[] scores, int n) {
        Integer[] order = byScoreDescending(scores);
        int[] out = new int[Math.min(n, order.length)];
        for (int i = 0; i < out.length; i++) out[i] = order[i];
        return out;
    }

    /** Indices by descending score; a stable sort, so tied indices stay in ascending order. */
    private static Integer[] byScoreDescending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return order;
    }
}
