package dev.metarec.service;

/** No champion model can be served (none trained yet, or the only one is corrupt). Maps to HTTP 503. */
public final class ModelUnavailableException extends RuntimeException {
    public ModelUnavailableException(String message) { super(message); }
}
