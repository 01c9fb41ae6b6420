package dev.metarec.service;

/**
 * A request that breaks a rule: names the offending {@code field} (a JSON path such as
 * {@code events[3].userId}) and the {@code limit} it broke, in words. Thrown before anything is written.
 */
public final class InvalidRequestException extends IllegalArgumentException {
    private final String field;
    private final String limit;

    public InvalidRequestException(String field, String limit, String message) {
        super(field + ": " + message);
        this.field = field;
        this.limit = limit;
    }

    public String field() { return field; }

    public String limit() { return limit; }
}
