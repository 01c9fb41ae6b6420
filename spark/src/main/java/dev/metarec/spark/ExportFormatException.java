package dev.metarec.spark;

/** A DynamoDB export that cannot be trained on: a missing manifest, a malformed line, an event on an unknown item. */
public final class ExportFormatException extends RuntimeException {
    public ExportFormatException(String message) { super(message); }

    public ExportFormatException(String message, Throwable cause) { super(message, cause); }
}
