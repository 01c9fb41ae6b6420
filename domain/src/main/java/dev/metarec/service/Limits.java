package dev.metarec.service;

/**
 * Request limits, checked before anything is written. Defaults keep one request well inside a Lambda
 * payload (6 MB) and a DynamoDB item (400 KB).
 *
 * @param maxBatch             events, items and profiles per ingest request, each
 * @param maxIdLength          characters in any id
 * @param maxAttributes        attributes per item or profile
 * @param maxValuesPerAttribute values of one attribute
 * @param maxNameLength        characters of an attribute name
 * @param maxValueLength       characters of one attribute value
 * @param maxPayloadChars      characters of all strings of one request together
 * @param maxK                 items per recommendation
 * @param maxListSize          ids in a candidate, exclusion or category list
 * @param maxFutureSkewSeconds how far in the future an event timestamp may be
 * @param minRating            the lowest value of a rating event (the rating scale; the serving targets of
 *                             view/click/purchase in {@link ServiceSettings} are on the same scale)
 * @param maxRating            the highest value of a rating event
 */
public record Limits(int maxBatch, int maxIdLength, int maxAttributes, int maxValuesPerAttribute, int maxNameLength,
                     int maxValueLength, int maxPayloadChars, int maxK, int maxListSize, long maxFutureSkewSeconds,
                     double minRating, double maxRating) {

    public static final Limits DEFAULT = new Limits(500, 128, 32, 64, 64, 256, 1_000_000, 100, 5_000, 86_400, 0.0, 5.0);

    public Limits {
        for (long v : new long[]{maxBatch, maxIdLength, maxAttributes, maxValuesPerAttribute, maxNameLength, maxValueLength, maxPayloadChars, maxK, maxListSize})
            if (v < 1) throw new IllegalArgumentException("every limit must be >= 1, was " + v);
        if (maxFutureSkewSeconds < 0) throw new IllegalArgumentException("maxFutureSkewSeconds must be >= 0, was " + maxFutureSkewSeconds);
        if (!Double.isFinite(minRating) || !Double.isFinite(maxRating) || !(minRating < maxRating))
            throw new IllegalArgumentException("the rating scale needs finite minRating < maxRating, was [" + minRating + ", " + maxRating + "]");
    }

    /** These limits with rating scale [{@code min}, {@code max}]. */
    public Limits withRatingScale(double min, double max) {
        return new Limits(maxBatch, maxIdLength, maxAttributes, maxValuesPerAttribute, maxNameLength, maxValueLength, maxPayloadChars,
                maxK, maxListSize, maxFutureSkewSeconds, min, max);
    }
}
