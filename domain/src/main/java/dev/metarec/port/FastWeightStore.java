package dev.metarec.port;

import java.time.Instant;
import java.util.Optional;

/**
 * Per-user adapted weights with optimistic locking: each record carries the checkpoint it was made
 * from and a version; a write succeeds only if the stored version is the one the writer read.
 */
public interface FastWeightStore {

    /** {@code payload} is the encoded fast weights (see the fast-weights codec). */
    record StoredFastWeights(String userId, String checkpointId, long version, byte[] payload, Instant updatedAt) {}

    Optional<StoredFastWeights> find(String userId);

    /**
     * Writes {@code record} (whose version must be expectedVersion + 1) if the stored version equals
     * {@code expectedVersion} (0 = no record yet). False when another writer got there first.
     */
    boolean put(StoredFastWeights record, long expectedVersion);

    void delete(String userId);
}
