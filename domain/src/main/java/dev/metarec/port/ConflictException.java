package dev.metarec.port;

/** A conditional write lost: someone else wrote first (optimistic locking). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) { super(message); }

    public ConflictException(String message, Throwable cause) { super(message, cause); }
}
