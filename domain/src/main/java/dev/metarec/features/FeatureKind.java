package dev.metarec.features;

/** How an attribute becomes an embedding. */
public enum FeatureKind {
    /** One value, one embedding row. */
    CATEGORICAL,
    /** Several values, mean of their embedding rows (genres, directors, actors, tags). */
    MULTI,
    /** A number, bucketised by boundaries fitted on training data; each bucket an embedding row. */
    NUMERIC
}
