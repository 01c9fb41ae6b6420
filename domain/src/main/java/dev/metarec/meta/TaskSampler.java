package dev.metarec.meta;

import java.util.SplittableRandom;

/**
 * The order in which meta-training visits tasks: epoch after epoch, each a permutation of all task
 * indices drawn from (seed, epoch) alone. The position in this stream, a cursor counting the tasks
 * consumed, is all a resumed run needs to continue exactly where it stopped.
 */
final class TaskSampler {
    private final long seed;
    private final int taskCount;
    private long cachedEpoch = -1;
    private int[] permutation;

    TaskSampler(long seed, int taskCount) {
        if (taskCount < 1) throw new IllegalArgumentException("meta-training needs at least one task, got " + taskCount);
        this.seed = seed;
        this.taskCount = taskCount;
    }

    int taskCount() { return taskCount; }

    /** Task indices at stream positions cursor .. cursor + size - 1. */
    int[] batch(long cursor, int size) {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            long position = cursor + i;
            out[i] = permutation(position / taskCount)[(int) (position % taskCount)];
        }
        return out;
    }

    private int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            SplittableRandom random = new SplittableRandom(mix(seed + 0x9E3779B97F4A7C15L * (epoch + 1)));
            int[] p = new int[taskCount];
            for (int i = 0; i < taskCount; i++) p[i] = i;
            for (int i = taskCount - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            permutation = p;
            cachedEpoch = epoch;
        }
        return permutation;
    }

    /** The SplitMix64 finaliser (Steele, Lea and Flood, OOPSLA 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
