package dev.metarec.service;

import java.time.Duration;

/**
 * Bounds that keep meta-training within its memory and keep it from memorising individuals.
 *
 * @param maxEventsPerUser most recent events of one user kept for training (a task uses at most the serving window
 *                         plus the query; the rest only costs memory, and one user's flood must not fill the heap)
 * @param maxEvents        events kept in all; beyond it the run trains on a sample of users (a deterministic one,
 *                         by a hash of the user id) instead of failing for lack of memory
 * @param profileMinCount  a profile attribute value gets its own embedding row (and is written into the checkpoint)
 *                         only when at least this many users have it; rarer values hash, so a checkpoint never holds
 *                         a value that identifies one person (a rare zip code). Numeric profile attributes get at most
 *                         (users / profileMinCount) buckets.
 * @param maxRunAge        a run older than this is not resumed but started again (its event-log snapshot expires)
 * @param minRating        the rating scale ingest accepts ({@link Limits#minRating()}): a stored rating outside
 *                         [minRating, maxRating] bypassed validation (a direct table write, a bug) and is left out of
 *                         training, so one bad record cannot poison the item baselines or the network
 * @param maxRating        the top of that scale
 */
public record TrainingGuards(int maxEventsPerUser, int maxEvents, int profileMinCount, Duration maxRunAge, double minRating, double maxRating) {
    public static final TrainingGuards DEFAULT = new TrainingGuards(500, 2_000_000, 5, Duration.ofDays(2));

    public TrainingGuards {
        if (maxEventsPerUser < 2) throw new IllegalArgumentException("maxEventsPerUser must be >= 2 (support and query), was " + maxEventsPerUser);
        if (maxEvents < maxEventsPerUser) throw new IllegalArgumentException("maxEvents (" + maxEvents + ") must be >= maxEventsPerUser (" + maxEventsPerUser + ")");
        if (profileMinCount < 1) throw new IllegalArgumentException("profileMinCount must be >= 1, was " + profileMinCount);
        if (maxRunAge.isNegative() || maxRunAge.isZero()) throw new IllegalArgumentException("maxRunAge must be positive, was " + maxRunAge);
        if (!Double.isFinite(minRating) || !Double.isFinite(maxRating) || !(minRating < maxRating))
            throw new IllegalArgumentException("the rating scale needs finite minRating < maxRating, was [" + minRating + ", " + maxRating + "]");
    }

    /** With the default rating scale ({@link Limits#DEFAULT}). */
    public TrainingGuards(int maxEventsPerUser, int maxEvents, int profileMinCount, Duration maxRunAge) {
        this(maxEventsPerUser, maxEvents, profileMinCount, maxRunAge, Limits.DEFAULT.minRating(), Limits.DEFAULT.maxRating());
    }

    /** Whether training may learn from {@code e}: anything but a rating whose value is off the scale (or missing). */
    public boolean admits(dev.metarec.model.Event e) {
        if (e.type() != dev.metarec.model.EventType.RATING) return true;
        Double v = e.value();
        return v != null && v >= minRating && v <= maxRating;
    }
}
