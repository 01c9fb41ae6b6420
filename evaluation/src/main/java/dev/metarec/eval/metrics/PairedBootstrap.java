package dev.metarec.eval.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * How far one method's mean over users is from another's, with the users' sampling in the interval: a paired
 * bootstrap over the users both methods were measured on (each resample draws that many users with replacement and
 * takes the relative difference of the two means over the same drawn users). The intervals over seeds leave the
 * users out (every seed ranks the same test users), so on their own they say how steady training is, not whether a
 * difference would hold on other users.
 *
 * @param users    users in both
 * @param relative mean(ours) / mean(base) - 1 over them
 * @param low      2.5th percentile of the resampled relative differences
 * @param high     97.5th percentile
 */
public record PairedBootstrap(int users, double relative, double low, double high) {
    public static final int RESAMPLES = 2000;

    /**
     * The interval of {@code ours} against {@code base} (per-user values, e.g. each user's mean over seeds), over the
     * users in both, {@value #RESAMPLES} resamples drawn from {@code seed} (users in id order, so a seed gives one answer);
     * null when fewer than two users are in both or the base's mean is 0.
     */
    public static PairedBootstrap of(Map<String, Double> ours, Map<String, Double> base, long seed) {
        List<String> common = new ArrayList<>(new TreeSet<>(ours.keySet()));
        common.retainAll(base.keySet());
        int n = common.size();
        if (n < 2) return null;
        double[] a = new double[n], b = new double[n];
        double sa = 0, sb = 0;
        for (int i = 0; i < n; i++) {
            a[i] = ours.get(common.get(i));
            b[i] = base.get(common.get(i));
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) throw new IllegalArgumentException("non-finite value for user " + common.get(i));
            sa += a[i];
            sb += b[i];
        }
        if (!(sb > 0)) return null;
        SplittableRandom random = new SplittableRandom(seed);
        double[] rel = new double[RESAMPLES];
        int kept = 0;
        for (int r = 0; r < RESAMPLES; r++) {
            double ra = 0, rb = 0;
            for (int i = 0; i < n; i++) {
                int u = random.nextInt(n);
                ra += a[u];
                rb += b[u];
            }
            if (rb > 0) rel[kept++] = ra / rb - 1;
        }
        double[] sorted = Arrays.copyOf(rel, kept);
        Arrays.sort(sorted);
        return new PairedBootstrap(n, sa / sb - 1, quantile(sorted, 0.025), quantile(sorted, 0.975));
    }

    /** The q-quantile of sorted values, linear between neighbours. */
    static double quantile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at), hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    /** True when the whole interval is above 0: ours is ahead on these users beyond their sampling. */
    public boolean above() { return low > 0; }

    @Override public String toString() {
        return String.format(java.util.Locale.ROOT, "%+.1f%% [%+.1f%%, %+.1f%%], %d users", 100 * relative, 100 * low, 100 * high, users);
    }
}
