package dev.metarec.adapter.local;

import dev.metarec.port.EventQuota;
import org.h2.mvstore.MVMap;

import java.time.Instant;
import java.time.LocalDate;

/** Daily event counters keyed (userId, day), checked and incremented under a lock; past days are pruned as they are passed. */
public final class LocalEventQuota implements EventQuota {
    private final LocalDatabase db;
    private final MVMap<String, Long> used;

    public LocalEventQuota(LocalDatabase db) {
        this.db = db;
        this.used = db.map("eventQuota");
    }

    @Override
    public boolean reserve(String userId, LocalDate day, int n, int limit, Instant expiresAt) {
        String key = Keys.compose(dev.metarec.port.ErasureLog.fingerprint(userId), day.toString());
        synchronized (this) {
            long now = used.getOrDefault(key, 0L);
            if (now + n > limit) return false;
            used.put(key, now + n);
        }
        db.commit();
        return true;
    }

    @Override
    public void release(String userId, LocalDate day, int n) {
        String key = Keys.compose(dev.metarec.port.ErasureLog.fingerprint(userId), day.toString());
        synchronized (this) {
            Long now = used.get(key);
            if (now == null) return;
            used.put(key, Math.max(0, now - n));
        }
        db.commit();
    }

    @Override
    public long used(String userId, LocalDate day) { return used.getOrDefault(Keys.compose(dev.metarec.port.ErasureLog.fingerprint(userId), day.toString()), 0L); }
}
