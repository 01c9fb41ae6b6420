package dev.metarec.port;

import java.util.Optional;

/**
 * The meta-train job's resumable state (an opaque blob written by the trainer), so a run cut short by
 * its time budget continues on the next invocation. S3: {@code training/progress.bin}. A save replaces
 * the previous blob atomically: a reader sees the old or the new blob, never a mix.
 */
public interface TrainingProgressStore {

    void save(byte[] progress);

    Optional<byte[]> load();

    /** Removes the saved progress (after the run finished); no-op if none. */
    void clear();
}
