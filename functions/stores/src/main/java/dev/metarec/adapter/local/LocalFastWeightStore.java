package dev.metarec.adapter.local;

import dev.metarec.port.FastWeightStore;
import org.h2.mvstore.MVMap;

import java.util.Optional;

/**
 * Fast weights with a version check done under a lock (the single-process equivalent of a conditional put), and
 * erase tombstones in a second map that refuse writes until their time.
 */
public final class LocalFastWeightStore implements FastWeightStore {
    private final LocalDatabase db;
    private final MVMap<String, byte[]> weights;
    /** Erase tombstones: user -> epoch ms until which writes are refused. */
    private final MVMap<String, Long> tombstones;

    public LocalFastWeightStore(LocalDatabase db) {
        this.db = db;
        this.weights = db.map("fastWeights");
        this.tombstones = db.map("fastWeightsTombstones");
    }

    @Override
    public Optional<StoredFastWeights> find(String userId) {
        return Optional.ofNullable(weights.get(userId)).map(Records::fastWeights);
    }

    @Override
    public boolean put(StoredFastWeights record, long expectedVersion) {
        if (record.version() != expectedVersion + 1)
            throw new IllegalArgumentException("version must be expectedVersion + 1 = " + (expectedVersion + 1) + ", was " + record.version());
        Keys.requireId("userId", record.userId());
        synchronized (this) {
            Long until = tombstones.get(record.userId());
            if (until != null && until > record.updatedAt().toEpochMilli())
                throw new ErasureInProgressException("the user is being erased; fast weights are not stored until " + java.time.Instant.ofEpochMilli(until));
            long stored = find(record.userId()).map(StoredFastWeights::version).orElse(0L);
            if (stored != expectedVersion) return false;
            weights.put(record.userId(), Records.fastWeights(record));
            if (until != null) tombstones.remove(record.userId());
        }
        db.commit();
        return true;
    }

    @Override
    public boolean delete(String userId) {
        boolean removed;
        synchronized (this) { removed = weights.remove(userId) != null; }
        if (removed) db.commit();
        return removed;
    }

    @Override
    public boolean tombstone(String userId, java.time.Instant until) {
        boolean removed;
        synchronized (this) {
            removed = weights.remove(userId) != null;
            tombstones.put(userId, until.toEpochMilli());
        }
        db.commit();
        return removed;
    }
}
