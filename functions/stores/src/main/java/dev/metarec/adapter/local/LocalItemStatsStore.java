package dev.metarec.adapter.local;

import dev.metarec.port.ItemStatsStore;
import org.h2.mvstore.MVMap;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Item statistics as 32-byte values (count, residual sum, positives, the positives' forward-decayed sum), incremented
 * under a lock; pending tokens in a second map keyed (itemId, token), written in the same commit as the increment. A
 * 24-byte value (written before the forward-decayed sum existed) reads it as 0.
 */
public final class LocalItemStatsStore implements ItemStatsStore {
    private final LocalDatabase db;
    private final MVMap<String, byte[]> stats;
    private final MVMap<String, Boolean> pending;

    public LocalItemStatsStore(LocalDatabase db) {
        this.db = db;
        this.stats = db.map("itemStats");
        this.pending = db.map("itemStatsPending");
    }

    @Override
    public boolean addOnce(String itemId, String token, long count, double residualSum, long positives, double recentPositives) {
        requireFinite(residualSum, recentPositives);
        Keys.requireId("itemId", itemId);
        String key = Keys.compose(itemId, token);
        synchronized (this) {
            if (pending.containsKey(key)) return false;
            ItemStats s = find(itemId).orElse(ItemStats.empty(itemId));
            stats.put(itemId, encode(s, count, residualSum, positives, recentPositives));
            pending.put(key, Boolean.TRUE);
            db.commit();
        }
        return true;
    }

    @Override
    public synchronized void settle(String itemId, String token) {
        if (pending.remove(Keys.compose(itemId, token)) != null) db.commit();
    }

    @Override
    public Set<String> pending(String itemId) {
        Set<String> tokens = new HashSet<>();
        String from = Keys.from(itemId), to = Keys.to(itemId);
        var c = pending.cursor(from);
        while (c.hasNext()) {
            String k = c.next();
            if (k.compareTo(to) >= 0) break;
            tokens.add(k.substring(from.length()));
        }
        return tokens;
    }

    @Override
    public Map<String, Set<String>> allPending() {
        Map<String, Set<String>> all = new HashMap<>();
        for (String k : pending.keySet()) {
            int sep = k.indexOf(Keys.SEP);
            all.computeIfAbsent(k.substring(0, sep), i -> new HashSet<>()).add(k.substring(sep + 1));
        }
        return all;
    }

    @Override
    public void add(String itemId, long count, double residualSum, long positives, double recentPositives) {
        requireFinite(residualSum, recentPositives);
        Keys.requireId("itemId", itemId);
        synchronized (this) {
            ItemStats s = find(itemId).orElse(ItemStats.empty(itemId));
            stats.put(itemId, encode(s, count, residualSum, positives, recentPositives));
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

    private static void requireFinite(double residualSum, double recentPositives) {
        if (!Double.isFinite(residualSum)) throw new IllegalArgumentException("residualSum must be finite, was " + residualSum);
        if (!Double.isFinite(recentPositives)) throw new IllegalArgumentException("recentPositives must be finite, was " + recentPositives);
    }

    /** {@code s} plus the deltas. */
    private static byte[] encode(ItemStats s, long count, double residualSum, long positives, double recentPositives) {
        return ByteBuffer.allocate(32).putLong(s.count() + count).putDouble(s.residualSum() + residualSum).putLong(s.positives() + positives)
                .putDouble(s.recentPositives() + recentPositives).array();
    }

    private static ItemStats decode(String itemId, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new ItemStats(itemId, buf.getLong(), buf.getDouble(), buf.getLong(), buf.remaining() >= 8 ? buf.getDouble() : 0.0);
    }
}
