package dev.metarec.port;

import java.util.Optional;

/**
 * Meta-training's snapshot of the event log, one per training run (S3: {@code event-log/<runId>.bin}, which
 * the bucket lifecycle expires). Written once when a run starts; the invocations that resume the run read
 * it instead of the events table, so every invocation of a run trains on the same data.
 */
public interface EventLogStore {

    /** Stores the snapshot of run {@code runId} (replacing one left by an earlier attempt of the same run). */
    void write(String runId, byte[] snapshot);

    Optional<byte[]> read(String runId);

    /** Removes the run's snapshot; no-op if none. */
    void delete(String runId);

    /** A store that keeps nothing: every invocation reads the events table. */
    EventLogStore NONE = new EventLogStore() {
        @Override public void write(String runId, byte[] snapshot) { }
        @Override public Optional<byte[]> read(String runId) { return Optional.empty(); }
        @Override public void delete(String runId) { }
    };
}
