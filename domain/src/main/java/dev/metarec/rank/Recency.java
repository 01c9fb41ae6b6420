package dev.metarec.rank;

import java.time.Duration;
import java.time.Instant;

/**
 * Recency-weighted counts kept as plain sums, so that a store adds to them with atomic increments (DynamoDB
 * {@code ADD}) and never rewrites them as time passes: forward decay (Cormode, Shkapenyuk, Srivastava and Xu, "Forward
 * Decay: A Practical Time Decay Model for Streaming Systems", ICDE 2009). An event at time {@code t} adds
 * {@link #weight}{@code (t) = 2^((t - EPOCH) / HALF_LIFE)}; the sum read at {@code now} is
 * {@link #asOf}{@code (sum, now) = sum * 2^(-(now - EPOCH) / HALF_LIFE)}, which is each event counted
 * {@code 2^(-(now - t) / HALF_LIFE)}: a like from one half-life ago counts half. The exponent is bounded to
 * +-{@value #MAX_EXPONENT} (year 2000 +- 900 years at a three-year half-life), so a weight and any sum of them stay
 * within what DynamoDB stores (below 1e126).
 */
public final class Recency {
    /** The fixed origin of the weights (any fixed instant would do; the ratio between weights is what counts). */
    public static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    /**
     * How long until a like counts half: three years, chosen on the training period's users of ML-100K and
     * ml-latest-small (docs/RESULTS.md, designs tried). Shorter half-lives let a few recent accounts decide the prior
     * on a catalogue whose recent traffic is thin.
     */
    public static final Duration HALF_LIFE = Duration.ofDays(1096);
    static final double MAX_EXPONENT = 300;

    private Recency() {}

    /**
     * A per-position decay factor from the system property {@code name} ({@code fallback} when unset): the i-th most
     * recent item counts factor^i. Refused unless in (0, 1], naming the property.
     */
    public static double decayFactor(String name, String fallback) { return NumberProperty.inRange(name, fallback, 0, false, 1, true); }

    /** What an event at {@code t} adds to a forward-decayed sum. */
    public static double weight(Instant t) { return Math.pow(2, exponent(t)); }

    /** A forward-decayed {@code sum} read at {@code now}: each event counted {@code 2^(-age / HALF_LIFE)}. */
    public static double asOf(double sum, Instant now) {
        if (!(sum > 0)) return 0;
        double v = sum * Math.pow(2, -exponent(now));
        return Double.isFinite(v) ? v : 0;
    }

    private static double exponent(Instant t) {
        double halfLives = (t.getEpochSecond() - EPOCH.getEpochSecond()) / (double) HALF_LIFE.toSeconds();
        return Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, halfLives));
    }
}
