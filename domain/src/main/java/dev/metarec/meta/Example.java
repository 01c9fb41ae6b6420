package dev.metarec.meta;

import dev.metarec.features.EncodedEntity;

/**
 * One labelled interaction of a task's user with an item. {@code weight} scales its loss (recency
 * weighting for drift); {@code offset} is added to the score as a constant (the item's warm-up bias);
 * {@code negative} is the sampled negative item for BPR, else null.
 */
public record Example(EncodedEntity item, double target, double weight, double offset, EncodedEntity negative) {
    public Example {
        if (!(weight >= 0) || !Double.isFinite(weight)) throw new IllegalArgumentException("weight must be finite and >= 0, was " + weight);
        if (!Double.isFinite(target)) throw new IllegalArgumentException("target must be finite, was " + target);
        if (!Double.isFinite(offset)) throw new IllegalArgumentException("offset must be finite, was " + offset);
    }

    public static Example of(EncodedEntity item, double target) { return new Example(item, target, 1.0, 0.0, null); }
}
