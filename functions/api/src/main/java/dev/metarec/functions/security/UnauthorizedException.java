package dev.metarec.functions.security;

/** HTTP 401: no authenticated caller. */
public final class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) { super(message); }
}
