package dev.metarec.synthetic;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Shape of a synthetic world. Every field is validated with a message naming it and its limit.
 *
 * @param users                number of users
 * @param items                number of items
 * @param genres               size of the genre vocabulary (each item has 1..3 genres)
 * @param brands               size of the brand vocabulary (one brand per item)
 * @param segments             taste segments; a user's taste is its segment's mean plus a personal deviation
 * @param minEvents            fewest interactions per user
 * @param maxEvents            most interactions per user
 * @param initialItemFraction  share of items released at {@code start}; the rest are released uniformly over the horizon
 * @param driftFraction        share of users whose taste is replaced by a fresh one at a known interaction index
 * @param slateSize            items shown per interaction; the user picks the best by noisy utility (1 = uniform exposure)
 * @param ratingNoise          standard deviation of the rating noise (in rating points, before rounding)
 * @param personalScale        standard deviation of the personal deviation from the segment taste
 * @param start                time of the first possible event
 * @param horizon              length of the simulated period
 */
public record SyntheticConfig(int users, int items, int genres, int brands, int segments,
                              int minEvents, int maxEvents, double initialItemFraction, double driftFraction,
                              int slateSize, double ratingNoise, double personalScale,
                              Instant start, Duration horizon) {

    public SyntheticConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(horizon, "horizon");
        atLeast("users", users, 1);
        atLeast("items", items, 2);
        atLeast("genres", genres, 1);
        atLeast("brands", brands, 1);
        atLeast("segments", segments, 1);
        atLeast("minEvents", minEvents, 1);
        if (maxEvents < minEvents) throw new IllegalArgumentException("maxEvents must be >= minEvents (" + minEvents + "), was " + maxEvents);
        unit("initialItemFraction", initialItemFraction);
        unit("driftFraction", driftFraction);
        if (initialItemFraction * items < 1) throw new IllegalArgumentException("initialItemFraction * items must be >= 1 so the first user has something to see, was " + initialItemFraction * items);
        atLeast("slateSize", slateSize, 1);
        if (!(ratingNoise >= 0) || !Double.isFinite(ratingNoise)) throw new IllegalArgumentException("ratingNoise must be finite and >= 0, was " + ratingNoise);
        if (!(personalScale >= 0) || !Double.isFinite(personalScale)) throw new IllegalArgumentException("personalScale must be finite and >= 0, was " + personalScale);
        if (horizon.isNegative() || horizon.isZero()) throw new IllegalArgumentException("horizon must be positive, was " + horizon);
        if (driftFraction > 0 && minEvents < 4) throw new IllegalArgumentException("minEvents must be >= 4 when driftFraction > 0 (a change needs events before and after), was " + minEvents);
    }

    /** A small world: 200 users, 300 items, 20-60 events each, 20% drifting users. */
    public static SyntheticConfig small() {
        return new SyntheticConfig(200, 300, 12, 20, 4, 20, 60, 0.6, 0.2, 8, 0.4, 0.5,
                Instant.parse("2024-01-01T00:00:00Z"), Duration.ofDays(365));
    }

    public SyntheticConfig withUsers(int n) { return new SyntheticConfig(n, items, genres, brands, segments, minEvents, maxEvents, initialItemFraction, driftFraction, slateSize, ratingNoise, personalScale, start, horizon); }

    public SyntheticConfig withItems(int n) { return new SyntheticConfig(users, n, genres, brands, segments, minEvents, maxEvents, initialItemFraction, driftFraction, slateSize, ratingNoise, personalScale, start, horizon); }

    public SyntheticConfig withEvents(int min, int max) { return new SyntheticConfig(users, items, genres, brands, segments, min, max, initialItemFraction, driftFraction, slateSize, ratingNoise, personalScale, start, horizon); }

    public SyntheticConfig withDriftFraction(double f) { return new SyntheticConfig(users, items, genres, brands, segments, minEvents, maxEvents, initialItemFraction, f, slateSize, ratingNoise, personalScale, start, horizon); }

    public SyntheticConfig withSlateSize(int s) { return new SyntheticConfig(users, items, genres, brands, segments, minEvents, maxEvents, initialItemFraction, driftFraction, s, ratingNoise, personalScale, start, horizon); }

    public SyntheticConfig withRatingNoise(double sd) { return new SyntheticConfig(users, items, genres, brands, segments, minEvents, maxEvents, initialItemFraction, driftFraction, slateSize, sd, personalScale, start, horizon); }

    public SyntheticConfig withInitialItemFraction(double f) { return new SyntheticConfig(users, items, genres, brands, segments, minEvents, maxEvents, f, driftFraction, slateSize, ratingNoise, personalScale, start, horizon); }

    private static void atLeast(String name, int value, int min) {
        if (value < min) throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
    }

    private static void unit(String name, double value) {
        if (!(value >= 0 && value <= 1)) throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
    }
}
