package dev.metarec.adapter.local;

import dev.metarec.port.ErasureLog;
import org.h2.mvstore.MVMap;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** The erasure log as keys {@code <epoch ms, 13 digits>-<fingerprint>}; entries older than {@link #KEEP} are removed on each write. */
public final class LocalErasureLog implements ErasureLog {
    static final Duration KEEP = Duration.ofDays(3);
    private final LocalDatabase db;
    private final MVMap<String, Boolean> log;

    public LocalErasureLog(LocalDatabase db) {
        this.db = db;
        this.log = db.map("erasures");
    }

    private static String time(Instant at) { return String.format("%013d", Math.max(0, at.toEpochMilli())); }

    @Override
    public synchronized void record(String userId, Instant at) {
        String cutoff = time(at.minus(KEEP));
        java.util.List<String> old = new java.util.ArrayList<>();
        for (String k : log.keySet()) if (k.compareTo(cutoff) < 0) old.add(k);
        old.forEach(log::remove);
        log.put(time(at) + "-" + ErasureLog.fingerprint(userId), Boolean.TRUE);
        db.commit();
    }

    @Override
    public Set<String> erasedSince(Instant since) {
        Set<String> out = new HashSet<>();
        String from = time(since);
        for (String k : log.keySet()) if (k.compareTo(from) >= 0) out.add(k.substring(14));
        return out;
    }
}
