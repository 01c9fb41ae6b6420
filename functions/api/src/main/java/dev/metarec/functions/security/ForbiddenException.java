package dev.metarec.functions.security;

/** HTTP 403. */
public final class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) { super(message); }
}
