package dev.metarec.port;

import java.util.Optional;

/**
 * Model checkpoints: each written once under a new id (never overwritten), plus a "current" pointer
 * (the champion) that moves only by compare-and-set, plus the meta-train job's resumable progress.
 */
public interface CheckpointStore {

    /** Writes checkpoint bytes under a new id; fails with {@link ConflictException} if the id exists. */
    void write(String checkpointId, byte[] bytes);

    Optional<byte[]> read(String checkpointId);

    /** The champion's checkpoint id, if any. */
    Optional<String> current();

    /** Moves the pointer to {@code next} only if it still points at {@code expected} (null = no pointer yet). */
    boolean moveCurrent(String expected, String next);

    /** Saves the training job's progress blob (overwrites). */
    void saveProgress(byte[] progress);

    Optional<byte[]> loadProgress();

    void clearProgress();
}
