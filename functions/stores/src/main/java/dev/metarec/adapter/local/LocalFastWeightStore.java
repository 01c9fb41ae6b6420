package dev.metarec.adapter.local;

import dev.metarec.port.FastWeightStore;
import org.h2.mvstore.MVMap;

import java.util.Optional;

/** Fast weights with a version check done under a lock (the single-process equivalent of a conditional put). */
public final class LocalFastWeightStore implements FastWeightStore {
    private final LocalDatabase db;
    private final MVMap<String, byte[]> weights;

    public LocalFastWeightStore(LocalDatabase db) {
        this.db = db;
        this.weights = db.map("fastWeights");
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
            long stored = find(record.userId()).map(StoredFastWeights::version).orElse(0L);
            if (stored != expectedVersion) return false;
            weights.put(record.userId(), Records.fastWeights(record));
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
}
