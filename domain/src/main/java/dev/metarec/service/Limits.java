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
 */
public record Limits(int maxBatch, int maxIdLength, int maxAttributes, int maxValuesPerAttribute, int maxNameLength,
                     int maxValueLength, int maxPayloadChars, int maxK, int maxListSize, long maxFutureSkewSeconds) {

    public static final Limits DEFAULT = new Limits(500, 128, 32, 64, 64, 256, 1_000_000, 100, 5_000, 86_400);

    public Limits {
        for (long v : new long[]{maxBatch, maxIdLength, maxAttributes, maxValuesPerAttribute, maxNameLength, maxValueLength, maxPayloadChars, maxK, maxListSize})
            if (v < 1) throw new IllegalArgumentException("every limit must be >= 1, was " + v);
        if (maxFutureSkewSeconds < 0) throw new IllegalArgumentException("maxFutureSkewSeconds must be >= 0, was " + maxFutureSkewSeconds);
    }
}
