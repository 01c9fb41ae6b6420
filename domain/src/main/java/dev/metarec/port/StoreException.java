package dev.metarec.port;

/** The store failed (unavailable, throttled past retries, corrupt record). Carries the cause. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) { super(message, cause); }

    public StoreException(String message) { super(message); }
}
