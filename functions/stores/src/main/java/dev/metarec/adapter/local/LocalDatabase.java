package dev.metarec.adapter.local;

import dev.metarec.port.StoreException;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded store's database: one H2 MVStore file ({@code <dir>/metarec.mv.db}) holding one map
 * per port, plus the directory itself for checkpoint files. Every write is committed before the write
 * call returns, and MVStore's append-only, checksummed chunks mean a process killed mid-write reopens
 * at the last commit: acknowledged writes survive, a half-written one is never seen. The file is
 * locked, so only one process opens it at a time.
 */
public final class LocalDatabase implements AutoCloseable {
    private final Path dir;
    private final MVStore store;
    private final ThreadLocal<Integer> bulk = ThreadLocal.withInitial(() -> 0);

    private LocalDatabase(Path dir, MVStore store) {
        this.dir = dir;
        this.store = store;
    }

    /** Opens (creating if needed) the database in {@code dir}. */
    public static LocalDatabase open(Path dir) {
        try {
            Files.createDirectories(dir);
            MVStore store = new MVStore.Builder()
                    .fileName(dir.resolve("metarec.mv.db").toString())
                    .compress()
                    .open();
            return new LocalDatabase(dir, store);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("can't open the local store in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() { return dir; }

    <K, V> MVMap<K, V> map(String name) { return store.openMap(name); }

    /** Persists everything written so far; called after each write (deferred inside {@link #bulk}). */
    void commit() {
        if (bulk.get() > 0) return;
        try {
            store.commit();
        } catch (RuntimeException e) {
            throw new StoreException("local store commit failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code writes} on this thread with one commit at the end instead of one per write: for bulk
     * loads (demo data), where a crash may lose the whole load but never leaves a half-written record.
     */
    public void bulk(Runnable writes) {
        bulk.set(bulk.get() + 1);
        try {
            writes.run();
        } finally {
            bulk.set(bulk.get() - 1);
            commit();
        }
    }

    public boolean isClosed() { return store.isClosed(); }

    @Override
    public void close() { if (!store.isClosed()) store.close(); }
}
