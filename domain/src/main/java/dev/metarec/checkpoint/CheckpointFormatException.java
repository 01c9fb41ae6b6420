package dev.metarec.checkpoint;

/**
 * Encoded model state (a checkpoint or a user's fast weights) can't be read: corrupt, truncated, of
 * an unknown format version, or incompatible with the model it is loaded for. The message says which.
 */
public final class CheckpointFormatException extends RuntimeException {
    public CheckpointFormatException(String message) { super(message); }

    public CheckpointFormatException(String message, Throwable cause) { super(message, cause); }
}
