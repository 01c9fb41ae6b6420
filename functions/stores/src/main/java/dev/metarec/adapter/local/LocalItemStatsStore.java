package dev.metarec.adapter.local;

import dev.metarec.port.ItemStatsStore;
import org.h2.mvstore.MVMap;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Item statistics as 24-byte values (count, residual sum, positives), incremented under a lock. */
public final class LocalItemStatsStore implements ItemStatsStore {
    private final LocalDatabase db;
    private final MVMap<String, byte[]> stats;

    public LocalItemStatsStore(LocalDatabase db) {
        this.db = db;
        this.stats = db.map("itemStats");
    }

    @Override
    public void add(String itemId, long count, double residualSum, long positives) {
        if (!Double.isFinite(residualSum)) throw new IllegalArgumentException("residualSum must be finite, was " + residualSum);
        Keys.requireId("itemId", itemId);
        synchronized (this) {
            ItemStats s = find(itemId).orElse(ItemStats.empty(itemId));
            stats.put(itemId, encode(s.count() + count, s.residualSum() + residualSum, s.positives() + positives));
        }
        db.commit();
    }

    @Override
    public Optional<ItemStats> find(String itemId) {
        return Optional.ofNullable(stats.get(itemId)).map(b -> decode(itemId, b));
    }

    @Override
    public Map<String, ItemStats> all() {
        Map<String, ItemStats> all = new HashMap<>(stats.size() * 2);
        for (Map.Entry<String, byte[]> e : stats.entrySet()) all.put(e.getKey(), decode(e.getKey(), e.getValue()));
        return all;
    }

    private static byte[] encode(long count, double residualSum, long positives) {
        return ByteBuffer.allocate(24).putLong(count).putDouble(residualSum).putLong(positives).array();
    }

    private static ItemStats decode(String itemId, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new ItemStats(itemId, buf.getLong(), buf.getDouble(), buf.getLong());
    }
}
