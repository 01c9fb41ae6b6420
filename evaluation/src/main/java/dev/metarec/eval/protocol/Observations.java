package dev.metarec.eval.protocol;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What has been observed about items: per item the number and sum of values and the number of values of at least
 * {@link RankingCandidates#POSITIVE_RATING}, and the global mean.
 * Built from training data (strict) or also from other users' support sets (warm-up). Query data
 * never enters it. Immutable.
 */
public final class Observations {
    private final Map<String, double[]> stats;   // itemId -> {count, sum, values >= POSITIVE_RATING}
    private final double count;
    private final double sum;

    private Observations(Map<String, double[]> stats, double count, double sum) {
        this.stats = stats;
        this.count = count;
        this.sum = sum;
    }

    public static Observations of(Collection<? extends Collection<Rated>> groups) {
        return empty().plus(groups);
    }

    public static Observations empty() { return new Observations(Map.of(), 0, 0); }

    /** A new instance that also counts {@code groups}. */
    public Observations plus(Collection<? extends Collection<Rated>> groups) {
        Map<String, double[]> m = new HashMap<>();
        stats.forEach((k, v) -> m.put(k, v.clone()));
        double c = count, s = sum;
        for (Collection<Rated> g : groups) {
            for (Rated r : g) {
                double[] st = m.computeIfAbsent(r.itemId(), k -> new double[3]);
                st[0]++;
                st[1] += r.value();
                if (r.value() >= RankingCandidates.POSITIVE_RATING) st[2]++;
                c++;
                s += r.value();
            }
        }
        return new Observations(m, c, s);
    }

    /** Mean of every observed value; 0 when nothing was observed. */
    public double globalMean() { return count == 0 ? 0 : sum / count; }

    public long total() { return (long) count; }

    public int count(String itemId) {
        double[] st = stats.get(itemId);
        return st == null ? 0 : (int) st[0];
    }

    /** How many observed values of the item are at least {@link RankingCandidates#POSITIVE_RATING} (a positive rating). */
    public int positives(String itemId) {
        double[] st = stats.get(itemId);
        return st == null ? 0 : (int) st[2];
    }

    public double sum(String itemId) {
        double[] st = stats.get(itemId);
        return st == null ? 0 : st[1];
    }

    public java.util.Set<String> items() { return java.util.Collections.unmodifiableSet(stats.keySet()); }
}
