package dev.metarec.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-user adapted weights with optimistic locking: each record carries the checkpoint it was made
 * from and a version; a write succeeds only if the stored version is the one the writer read, so a
 * concurrent adapt never silently overwrites a newer one. Records made for another checkpoint than the
 * current champion are treated as absent by the services (the store keeps them until overwritten).
 */
public interface FastWeightStore {

    /** {@code payload} is the encoded fast weights (see the fast-weights codec). */
    record StoredFastWeights(String userId, String checkpointId, long version, byte[] payload, Instant updatedAt) {
        public StoredFastWeights {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(checkpointId, "checkpointId");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(updatedAt, "updatedAt");
            if (version < 1) throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
    }

    Optional<StoredFastWeights> find(String userId);

    /**
     * Writes {@code record} if the stored version equals {@code expectedVersion} (0 = no record yet);
     * {@code record.version()} must be {@code expectedVersion + 1}. Returns false, changing nothing,
     * when another writer got there first. Throws {@link ErasureInProgressException} (nothing written) while an
     * erase tombstone of the user stands at {@code record.updatedAt()}.
     */
    boolean put(StoredFastWeights record, long expectedVersion);

    /** Removes the user's record; true if there was one. */
    boolean delete(String userId);

    /**
     * Erase: removes the user's record (true if there was one) and leaves a tombstone that refuses every
     * {@link #put} for the user whose {@code updatedAt} is before {@code until} ({@link ErasureInProgressException}),
     * so an adapt that read the user's events before they were erased cannot write fast weights made from them
     * after the erase. {@link #find} treats a tombstone as no record. A store without tombstones only deletes.
     */
    default boolean tombstone(String userId, Instant until) { return delete(userId); }

    /** A write refused by an erase tombstone: the user is being erased; nothing was written. */
    final class ErasureInProgressException extends ConflictException {
        public ErasureInProgressException(String message) { super(message); }
    }
}
