package dev.metarec.spark;

import org.apache.spark.Partitioner;

import java.util.Arrays;
import java.util.List;

/**
 * Range partitions of user ids with boundaries that depend only on the ids, not on the order Spark
 * delivers them in (Spark's RangePartitioner samples by position, so its boundaries, and with them the
 * partial sums of a step, could differ between runs). Boundaries are quantiles of a deterministic sample:
 * the ids whose hash falls in 1/{@value #SAMPLE_MODULUS} of the hash space, or every id when that is too few.
 */
final class UserRanges extends Partitioner {
    static final int SAMPLE_MODULUS = 64;
    private final String[] bounds;

    private UserRanges(String[] bounds) { this.bounds = bounds; }

    static boolean sampled(String userId) { return Math.floorMod(mix(userId.hashCode()), SAMPLE_MODULUS) == 0; }

    /** Boundaries splitting {@code sample} (any order) into {@code partitions} ranges of about equal size. */
    static UserRanges of(List<String> sample, int partitions) {
        String[] sorted = sample.stream().distinct().sorted().toArray(String[]::new);
        int n = Math.min(partitions, Math.max(1, sorted.length));
        String[] bounds = new String[n - 1];
        for (int i = 1; i < n; i++) bounds[i - 1] = sorted[(int) ((long) i * sorted.length / n)];
        return new UserRanges(bounds);
    }

    @Override public int numPartitions() { return bounds.length + 1; }

    @Override public int getPartition(Object key) {
        int i = Arrays.binarySearch(bounds, (String) key);
        return i >= 0 ? i + 1 : -i - 1;
    }

    @Override public boolean equals(Object o) { return o instanceof UserRanges r && Arrays.equals(r.bounds, bounds); }

    @Override public int hashCode() { return Arrays.hashCode(bounds); }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
