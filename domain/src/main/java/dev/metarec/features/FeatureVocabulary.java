package dev.metarec.features;

import dev.metarec.model.Attributes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How one attribute's values become rows of its embedding table. Immutable; safe to share between
 * threads.
 *
 * <p>Row layout. Row 0 is always "missing" (the attribute is absent, blank or, for NUMERIC, not a
 * finite number).
 * <ul>
 *   <li>CATEGORICAL / MULTI: the {@code V} values known from training are rows {@code 1..V} (sorted, so
 *   the result does not depend on the order of the training data); any other value is hashed with
 *   MurmurHash3 into one of {@code H = spec.hashBuckets()} rows {@code V+1..V+H}. Hashed rows are never
 *   a known value's row, so an unseen value cannot silently borrow a known value's embedding; two
 *   unseen values may share a hashed row (the hashing trick: Weinberger et al., "Feature Hashing for
 *   Large Scale Multitask Learning", ICML 2009).</li>
 *   <li>NUMERIC: boundaries {@code b_1 < .. < b_m} fitted as quantiles of the training values; a value
 *   x is in row {@code 1 + #{k : b_k <= x}}, so rows {@code 1..m+1}.</li>
 * </ul>
 */
public final class FeatureVocabulary {
    private final FeatureSpec spec;
    private final List<String> knownValues;
    private final Map<String, Integer> rowByValue;
    private final double[] boundaries;
    private final int hashSeed;

    /**
     * Restores a vocabulary from its parts (as a checkpoint stores them).
     *
     * @param knownValues distinct non-blank values, rows 1..V in this order; empty for NUMERIC
     * @param boundaries  strictly increasing finite bucket boundaries; empty unless NUMERIC
     */
    public FeatureVocabulary(FeatureSpec spec, List<String> knownValues, double[] boundaries) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.knownValues = List.copyOf(knownValues);
        this.boundaries = boundaries.clone();
        boolean numeric = spec.kind() == FeatureKind.NUMERIC;
        if (numeric && !this.knownValues.isEmpty())
            throw new IllegalArgumentException("feature " + spec.name() + " is NUMERIC and can't have known values, got " + this.knownValues.size());
        if (!numeric && this.boundaries.length > 0)
            throw new IllegalArgumentException("feature " + spec.name() + " is " + spec.kind() + " and can't have bucket boundaries, got " + this.boundaries.length);
        for (int i = 0; i < this.boundaries.length; i++) {
            if (!Double.isFinite(this.boundaries[i]) || (i > 0 && !(this.boundaries[i] > this.boundaries[i - 1])))
                throw new IllegalArgumentException("feature " + spec.name() + ": boundaries must be finite and strictly increasing, were " + Arrays.toString(this.boundaries));
        }
        Map<String, Integer> rows = new HashMap<>();
        for (String v : this.knownValues) {
            if (v.isBlank()) throw new IllegalArgumentException("feature " + spec.name() + ": a known value can't be blank");
            if (rows.put(v, rows.size() + 1) != null) throw new IllegalArgumentException("feature " + spec.name() + ": duplicate known value '" + v + "'");
        }
        this.rowByValue = rows;
        this.hashSeed = Murmur3.hash32(spec.name(), 0x6d657461);
    }

    /**
     * Fits a vocabulary on training attributes. A CATEGORICAL/MULTI value is known when at least
     * {@code minCount} entities carry it (rarer values go to the hashed rows); NUMERIC boundaries are
     * the {@code k/B} quantiles (k = 1..B-1, B = spec.numericBuckets()) of the finite values, with
     * duplicates merged (heavily tied data yields fewer buckets).
     */
    public static FeatureVocabulary fit(FeatureSpec spec, Iterable<Attributes> training, int minCount) {
        if (minCount < 1) throw new IllegalArgumentException("minCount must be >= 1, was " + minCount);
        if (spec.kind() == FeatureKind.NUMERIC) return new FeatureVocabulary(spec, List.of(), quantiles(spec, training));
        Map<String, Integer> counts = new TreeMap<>();
        for (Attributes a : training) {
            for (String v : values(spec, a.get(spec.name()))) counts.merge(v, 1, Integer::sum);
        }
        List<String> known = new ArrayList<>();
        counts.forEach((v, c) -> { if (c >= minCount) known.add(v); });
        return new FeatureVocabulary(spec, known, new double[0]);
    }

    /**
     * As {@link #fit}, for values that are personal data (user profiles): as well as needing {@code minCount}
     * entities per known value, a NUMERIC feature gets at most n / {@code minCount} buckets over its n values, so each
     * bucket holds at least {@code minCount} entities and no boundary singles out one of a few.
     */
    public static FeatureVocabulary fitPrivate(FeatureSpec spec, Iterable<Attributes> training, int minCount) {
        if (spec.kind() != FeatureKind.NUMERIC || minCount == 1) return fit(spec, training, minCount);
        long n = 0;
        for (Attributes a : training) if (!Double.isNaN(parse(a.get(spec.name())))) n++;
        int buckets = (int) Math.min(spec.numericBuckets(), n / minCount);
        if (buckets < 2) return new FeatureVocabulary(spec, List.of(), new double[0]);
        double[] b = quantiles(spec, training, buckets);
        return new FeatureVocabulary(spec, List.of(), b);
    }

    private static double[] quantiles(FeatureSpec spec, Iterable<Attributes> training) {
        return quantiles(spec, training, spec.numericBuckets());
    }

    private static double[] quantiles(FeatureSpec spec, Iterable<Attributes> training, int buckets) {
        double[] xs = new double[64];
        int n = 0;
        for (Attributes a : training) {
            double x = parse(a.get(spec.name()));
            if (Double.isNaN(x)) continue;
            if (n == xs.length) xs = Arrays.copyOf(xs, n * 2);
            xs[n++] = x;
        }
        if (n == 0) return new double[0];
        Arrays.sort(xs, 0, n);
        double[] b = new double[buckets - 1];
        int m = 0;
        for (int k = 1; k < buckets; k++) {
            double q = xs[(int) Math.min(n - 1, (long) k * n / buckets)];
            if (q > xs[0] && (m == 0 || q > b[m - 1])) b[m++] = q;
        }
        return Arrays.copyOf(b, m);
    }

    public FeatureSpec spec() { return spec; }

    public String name() { return spec.name(); }

    /** Values with their own rows (1..V, in row order); empty for NUMERIC. */
    public List<String> knownValues() { return knownValues; }

    /** NUMERIC bucket boundaries (a copy); empty otherwise. */
    public double[] boundaries() { return boundaries.clone(); }

    /** Rows of this feature's embedding table, including row 0 (missing) and the hashed rows. */
    public int rows() {
        return spec.kind() == FeatureKind.NUMERIC ? boundaries.length + 2 : 1 + knownValues.size() + spec.hashBuckets();
    }

    /** First hashed row (V+1); rows at or above it hold values never seen in training. */
    public int firstHashedRow() { return 1 + knownValues.size(); }

    /** The row of one CATEGORICAL/MULTI value: its own row if known, else its hashed row; 0 if blank. */
    public int rowOf(String value) {
        if (spec.kind() == FeatureKind.NUMERIC) throw new IllegalStateException("feature " + spec.name() + " is NUMERIC; use bucketOf");
        if (value == null || value.isBlank()) return 0;
        String v = value.strip();
        Integer known = rowByValue.get(v);
        if (known != null) return known;
        return firstHashedRow() + Math.floorMod(Murmur3.hash32(v, hashSeed), spec.hashBuckets());
    }

    /** The NUMERIC row of x: 0 if x is NaN or infinite, else 1 + the number of boundaries <= x. */
    public int bucketOf(double x) {
        if (spec.kind() != FeatureKind.NUMERIC) throw new IllegalStateException("feature " + spec.name() + " is " + spec.kind() + "; use rowOf");
        if (!Double.isFinite(x)) return 0;
        int i = Arrays.binarySearch(boundaries, x);
        int atOrBelow = i >= 0 ? i + 1 : -(i + 1);
        return 1 + atOrBelow;
    }

    /**
     * The rows for an attribute's values: CATEGORICAL uses the first non-blank value, MULTI every
     * distinct non-blank value (in order), NUMERIC the first value parsed as a decimal. {@code [0]}
     * when nothing usable is there.
     */
    public int[] encode(List<String> raw) {
        switch (spec.kind()) {
            case NUMERIC: return new int[] {bucketOf(parse(raw))};
            case CATEGORICAL: {
                for (String v : raw) if (v != null && !v.isBlank()) return new int[] {rowOf(v)};
                return new int[] {0};
            }
            default: {
                Set<String> distinct = values(spec, raw);
                if (distinct.isEmpty()) return new int[] {0};
                int[] rows = new int[distinct.size()];
                int i = 0;
                for (String v : distinct) rows[i++] = rowOf(v);
                return rows;
            }
        }
    }

    /** Distinct stripped non-blank values an entity carries (CATEGORICAL: at most the first). */
    private static Set<String> values(FeatureSpec spec, List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : raw) {
            if (v == null || v.isBlank()) continue;
            out.add(v.strip());
            if (spec.kind() == FeatureKind.CATEGORICAL) break;
        }
        return out;
    }

    /** The first value as a finite double, or NaN when absent or not a finite decimal. */
    private static double parse(List<String> raw) {
        if (raw.isEmpty() || raw.get(0) == null) return Double.NaN;
        try {
            double x = Double.parseDouble(raw.get(0).strip());
            return Double.isFinite(x) ? x : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override public boolean equals(Object o) {
        return o instanceof FeatureVocabulary v && v.spec.equals(spec) && v.knownValues.equals(knownValues) && Arrays.equals(v.boundaries, boundaries);
    }

    @Override public int hashCode() { return Objects.hash(spec, knownValues, Arrays.hashCode(boundaries)); }

    @Override public String toString() {
        return "FeatureVocabulary[" + spec.name() + ", " + spec.kind() + ", rows=" + rows() + "]";
    }
}
