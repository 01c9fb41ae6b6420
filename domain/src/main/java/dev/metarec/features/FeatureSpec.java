package dev.metarec.features;

import java.util.Objects;

/**
 * Configuration of one attribute: its name (the key in {@link dev.metarec.model.Attributes}), its
 * kind, how many hashed buckets catch values never seen in training, and (NUMERIC) how many buckets.
 */
public record FeatureSpec(String name, FeatureKind kind, int hashBuckets, int numericBuckets) {
    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (hashBuckets < 1) throw new IllegalArgumentException("feature " + name + ": hashBuckets must be >= 1, was " + hashBuckets);
        if (kind == FeatureKind.NUMERIC && numericBuckets < 2)
            throw new IllegalArgumentException("feature " + name + ": numericBuckets must be >= 2, was " + numericBuckets);
    }

    public static FeatureSpec categorical(String name) { return new FeatureSpec(name, FeatureKind.CATEGORICAL, 16, 0); }

    public static FeatureSpec multi(String name) { return new FeatureSpec(name, FeatureKind.MULTI, 32, 0); }

    public static FeatureSpec numeric(String name, int buckets) { return new FeatureSpec(name, FeatureKind.NUMERIC, 1, buckets); }
}
