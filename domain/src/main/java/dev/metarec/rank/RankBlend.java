package dev.metarec.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The served order: per candidate, a weighted sum of three signals, each standardised over the user's candidates
 * (z-score; a signal that is constant there contributes nothing):
 * <ol>
 *   <li>the meta-learned preference score after adaptation (what the network predicts for this user),</li>
 *   <li>a popularity prior, log(1 + users who liked the item): users whose latest event with it is positive (rated
 *       at least the positive rating, or any click, view or purchase), so an item many users rated and disliked
 *       is not popular,</li>
 *   <li>the neighbours of the user's events, {@link ItemNeighbours#scores}.</li>
 * </ol>
 * One weight vector per support-size bucket: bucket b serves users with at most {@code upTo[b]} events (the last
 * bucket also every larger support). Weights are chosen by {@link #fit} on validation users: with few events
 * popularity carries most of the signal, with more the neighbours and the adapted preferences take over. The
 * network's standardised score is always added with the weight {@value #TIE_BREAK}, so candidates the weighted
 * signals tie (equally popular and equally near the user's events while the network's weight is 0) are ordered by
 * the user's predicted preference instead of by catalogue position.
 *
 * @param upTo    strictly increasing support sizes, at least one
 * @param weights per bucket {network, popularity, neighbours}: finite, >= 0, not all 0
 */
public record RankBlend(int[] upTo, double[][] weights) {
    public static final int NETWORK = 0, POPULARITY = 1, NEIGHBOURS = 2, SIGNALS = 3;
    /** The buckets {@link #fit} uses: 1, 3, 5, 10 and 20 events (the few-shot curve's support sizes). */
    public static final int[] SHOTS = {1, 3, 5, 10, 20};
    /** The order of a checkpoint without a blend: the preference network's score alone. */
    public static final RankBlend NETWORK_ONLY = new RankBlend(new int[]{1}, new double[][]{{1, 0, 0}});
    private static final double[] GRID = {0, 0.25, 0.5, 1, 2};
    /** The network's weight under every blend: small enough to change only the order of tied candidates. */
    public static final double TIE_BREAK = 1e-6;

    public RankBlend {
        if (upTo.length == 0 || upTo.length != weights.length)
            throw new IllegalArgumentException("a blend needs one weight vector per bucket, at least one: " + upTo.length + " buckets, " + weights.length + " vectors");
        upTo = upTo.clone();
        double[][] w = new double[weights.length][];
        for (int b = 0; b < upTo.length; b++) {
            if (b > 0 && upTo[b] <= upTo[b - 1]) throw new IllegalArgumentException("bucket bounds must increase, got " + Arrays.toString(upTo));
            if (weights[b].length != SIGNALS) throw new IllegalArgumentException("bucket " + b + " has " + weights[b].length + " weights, needs " + SIGNALS);
            double sum = 0;
            for (double x : weights[b]) {
                if (!(x >= 0) || !Double.isFinite(x)) throw new IllegalArgumentException("bucket " + b + ": weight " + x + " is not finite and >= 0");
                sum += x;
            }
            if (sum == 0) throw new IllegalArgumentException("bucket " + b + ": every weight is 0");
            w[b] = weights[b].clone();
        }
        weights = w;
    }

    /** The weights for a user with {@code supportSize} events. */
    public double[] weightsFor(int supportSize) {
        for (int b = 0; b < upTo.length; b++) if (supportSize <= upTo[b]) return weights[b].clone();
        return weights[upTo.length - 1].clone();
    }

    /** The blended order score of each candidate ({@code network}, {@code popularity}, {@code neighbours} are per candidate). */
    public double[] order(int supportSize, double[] network, double[] popularity, double[] neighbours) {
        return combine(weightsFor(supportSize), network, popularity, neighbours);
    }

    static double[] combine(double[] w, double[] network, double[] popularity, double[] neighbours) {
        int n = network.length;
        if (popularity.length != n || neighbours.length != n) throw new IllegalArgumentException("signals of different lengths");
        double[] out = new double[n];
        double[][] signals = {network, popularity, neighbours};
        for (int s = 0; s < SIGNALS; s++) {
            double ws = s == NETWORK ? w[s] + TIE_BREAK : w[s];
            if (ws == 0) continue;
            double[] z = standardised(signals[s]);
            for (int i = 0; i < n; i++) out[i] += ws * z[i];
        }
        return out;
    }

    /** (x - mean) / standard deviation; all zeros when the deviation is 0 or not finite. */
    static double[] standardised(double[] x) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= Math.max(1, x.length);
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / Math.max(1, x.length));
        double[] z = new double[x.length];
        if (!(sd > 1e-12) || !Double.isFinite(sd)) return z;
        for (int i = 0; i < x.length; i++) z[i] = (x[i] - mean) / sd;
        return z;
    }

    /** log(1 + count): the popularity prior of an item that {@code count} users liked. */
    public static double popularity(long count) { return Math.log1p(Math.max(0, count)); }

    /**
     * One validation user seen at one support size: the three signals over the candidates (every catalogue item but
     * the support), and which candidates are positives (the user's later positive events).
     */
    public record Case(int supportSize, double[] network, double[] popularity, double[] neighbours, boolean[] positive) {
        public Case {
            int n = network.length;
            if (popularity.length != n || neighbours.length != n || positive.length != n) throw new IllegalArgumentException("signals of different lengths");
        }

        int positives() {
            int p = 0;
            for (boolean b : positive) if (b) p++;
            return p;
        }
    }

    /**
     * Per bucket of {@code upTo}, the weights on a grid ({0, 1/4, 1/2, 1, 2} for each signal) with the best mean
     * Recall@10 (hits / min(10, positives)) over the cases of that bucket (a case belongs to the first bucket whose
     * bound is at least its support size); on equal recall the earlier grid point. A bucket without cases takes the
     * weights of the nearest bucket with cases; with no case at all the blend is {@link #NETWORK_ONLY}.
     */
    public static RankBlend fit(List<Case> cases, int[] upTo) {
        List<List<Case>> byBucket = new ArrayList<>();
        for (int b = 0; b < upTo.length; b++) byBucket.add(new ArrayList<>());
        for (Case c : cases) {
            if (c.positives() == 0) continue;
            int b = 0;
            while (b < upTo.length - 1 && c.supportSize() > upTo[b]) b++;
            byBucket.get(b).add(c);
        }
        double[][] chosen = new double[upTo.length][];
        for (int b = 0; b < upTo.length; b++) if (!byBucket.get(b).isEmpty()) chosen[b] = best(byBucket.get(b));
        boolean any = false;
        for (double[] w : chosen) any |= w != null;
        if (!any) return NETWORK_ONLY;
        for (int b = 0; b < upTo.length; b++) {
            if (chosen[b] != null) continue;
            for (int d = 1; chosen[b] == null; d++) {
                if (b - d >= 0 && byBucket.get(b - d).size() > 0) chosen[b] = chosen[b - d];
                else if (b + d < upTo.length && byBucket.get(b + d).size() > 0) chosen[b] = chosen[b + d];
            }
        }
        return new RankBlend(upTo, chosen);
    }

    /**
     * Per bucket of this blend, the mean Recall@10 of its weights over the {@code cases} in that bucket (NaN for a
     * bucket without cases): what the fit achieved on its validation users.
     */
    public double[] recallByBucket(List<Case> cases) {
        double[] sum = new double[upTo.length];
        int[] n = new int[upTo.length];
        for (Case c : cases) {
            if (c.positives() == 0) continue;
            int b = 0;
            while (b < upTo.length - 1 && c.supportSize() > upTo[b]) b++;
            double[] w = weights[b];
            double[] score = combine(w, c.network(), c.popularity(), c.neighbours());
            sum[b] += recallAt10(score, c.positive(), c.positives());
            n[b]++;
        }
        for (int b = 0; b < upTo.length; b++) sum[b] = n[b] == 0 ? Double.NaN : sum[b] / n[b];
        return sum;
    }

    private static double[] best(List<Case> cases) {
        List<double[][]> z = new ArrayList<>();
        for (Case c : cases) z.add(new double[][]{standardised(c.network()), standardised(c.popularity()), standardised(c.neighbours())});
        double[] best = null;
        double bestRecall = -1;
        for (double a : GRID) for (double p : GRID) for (double nb : GRID) {
            if (a + p + nb == 0) continue;
            double recall = 0;
            for (int u = 0; u < cases.size(); u++) {
                double[][] s = z.get(u);
                double[] score = new double[s[0].length];
                for (int i = 0; i < score.length; i++) score[i] = (a + TIE_BREAK) * s[0][i] + p * s[1][i] + nb * s[2][i];
                recall += recallAt10(score, cases.get(u).positive(), cases.get(u).positives());
            }
            recall /= cases.size();
            if (recall > bestRecall + 1e-12) { bestRecall = recall; best = new double[]{a, p, nb}; }
        }
        return best;
    }

    /** Hits in the top 10 (ties: the lower index first) over min(10, positives). */
    static double recallAt10(double[] score, boolean[] positive, int positives) {
        int[] top = new int[Math.min(10, score.length)];
        int size = 0;
        for (int i = 0; i < score.length; i++) {
            if (size == top.length && !(score[i] > score[top[size - 1]])) continue;
            int at = size < top.length ? size++ : size - 1;
            while (at > 0 && score[i] > score[top[at - 1]]) { top[at] = top[at - 1]; at--; }
            top[at] = i;
        }
        int hits = 0;
        for (int j = 0; j < size; j++) if (positive[top[j]]) hits++;
        return hits / (double) Math.min(10, positives);
    }

    @Override public boolean equals(Object o) { return o instanceof RankBlend r && Arrays.equals(upTo, r.upTo) && Arrays.deepEquals(weights, r.weights); }

    @Override public int hashCode() { return 31 * Arrays.hashCode(upTo) + Arrays.deepHashCode(weights); }

    @Override public String toString() {
        StringBuilder s = new StringBuilder("RankBlend[");
        for (int b = 0; b < upTo.length; b++) s.append(b == 0 ? "" : ", ").append("<=").append(upTo[b]).append(": ").append(Arrays.toString(weights[b]));
        return s.append(']').toString();
    }
}
