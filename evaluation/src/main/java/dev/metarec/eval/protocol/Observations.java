package dev.metarec.eval.protocol;

import dev.metarec.rank.Recency;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What has been observed about items: per item the number and sum of values and the number of values of at least
 * {@link RankingCandidates#POSITIVE_RATING}, both also as forward-decayed sums ({@link Recency}), the global mean and
 * the latest observation's time.
 * Built from training data (strict) or also from other users' support sets (warm-up). Query data
 * never enters it. Immutable.
 */
public final class Observations {
    private final Map<String, double[]> stats;   // itemId -> {count, sum, values >= POSITIVE_RATING, their two forward sums}
    private final double count;
    private final double sum;
    private final Instant latest;

    private Observations(Map<String, double[]> stats, double count, double sum, Instant latest) {
        this.stats = stats;
        this.count = count;
        this.sum = sum;
        this.latest = latest;
    }

    public static Observations of(Collection<? extends Collection<Rated>> groups) {
        return empty().plus(groups);
    }

    public static Observations empty() { return new Observations(Map.of(), 0, 0, Recency.EPOCH); }

    /** A new instance that also counts {@code groups}. */
    public Observations plus(Collection<? extends Collection<Rated>> groups) {
        Map<String, double[]> m = new HashMap<>();
        stats.forEach((k, v) -> m.put(k, v.clone()));
        double c = count, s = sum;
        Instant last = latest;
        for (Collection<Rated> g : groups) {
            for (Rated r : g) {
                double[] st = m.computeIfAbsent(r.itemId(), k -> new double[5]);
                double w = Recency.weight(r.time());
                st[0]++;
                st[1] += r.value();
                st[3] += w;
                if (r.value() >= RankingCandidates.POSITIVE_RATING) { st[2]++; st[4] += w; }
                c++;
                s += r.value();
                if (r.time().isAfter(last)) last = r.time();
            }
        }
        return new Observations(m, c, s, last);
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

    /** The item's observations as a forward-decayed sum ({@link Recency#weight} of each one's time). */
    public double recentCount(String itemId) {
        double[] st = stats.get(itemId);
        return st == null ? 0 : st[3];
    }

    /** The item's positive values as a forward-decayed sum ({@link Recency#weight} of each one's time). */
    public double recentPositives(String itemId) {
        double[] st = stats.get(itemId);
        return st == null ? 0 : st[4];
    }

    /** The time of the latest observation ({@link Recency#EPOCH} when nothing was observed). */
    public Instant latest() { return latest; }

    public double sum(String itemId) {
        double[] st = stats.get(itemId);
        return st == null ? 0 : st[1];
    }

    public java.util.Set<String> items() { return java.util.Collections.unmodifiableSet(stats.keySet()); }
}
