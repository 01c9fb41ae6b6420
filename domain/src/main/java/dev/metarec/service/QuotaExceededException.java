package dev.metarec.service;

/**
 * A user's daily event quota would be exceeded by this request (HTTP 429 with {@code Retry-After}). Nothing of
 * the request was written. Names the field and the limit like {@link InvalidRequestException}, not the user.
 */
public final class QuotaExceededException extends RuntimeException {
    private final String field;
    private final String limit;
    private final long retryAfterSeconds;

    public QuotaExceededException(String field, String limit, String message, long retryAfterSeconds) {
        super(field + ": " + message);
        this.field = field;
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String field() { return field; }

    public String limit() { return limit; }

    /** Seconds until the quota resets (the next UTC midnight), at least 1. */
    public long retryAfterSeconds() { return retryAfterSeconds; }
}
