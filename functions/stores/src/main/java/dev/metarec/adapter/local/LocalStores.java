package dev.metarec.adapter.local;

import java.nio.file.Path;

/**
 * All local adapters over one directory: {@code <dir>/metarec.mv.db}, {@code <dir>/checkpoints/},
 * {@code <dir>/training/}, {@code <dir>/event-log/}. Close it to release the database file lock.
 */
public final class LocalStores implements AutoCloseable {
    public final LocalDatabase db;
    public final LocalEventStore events;
    public final LocalCatalogStore catalog;
    public final LocalItemStatsStore itemStats;
    public final LocalUserProfileStore profiles;
    public final LocalFastWeightStore fastWeights;
    public final LocalChampionPointer champion;
    public final FileCheckpointStore checkpoints;
    public final FileTrainingProgressStore progress;
    public final FileEventLogStore eventLog;
    public final LocalItemContributionStore contributions;
    public final LocalEventQuota quota;
    public final LocalErasureLog erasures;

    public LocalStores(Path dir) {
        db = LocalDatabase.open(dir);
        events = new LocalEventStore(db);
        catalog = new LocalCatalogStore(db);
        itemStats = new LocalItemStatsStore(db);
        profiles = new LocalUserProfileStore(db);
        fastWeights = new LocalFastWeightStore(db);
        champion = new LocalChampionPointer(db);
        checkpoints = new FileCheckpointStore(dir.resolve("checkpoints"));
        progress = new FileTrainingProgressStore(dir.resolve("training"));
        eventLog = new FileEventLogStore(dir.resolve("event-log"));
        contributions = new LocalItemContributionStore(db);
        quota = new LocalEventQuota(db);
        erasures = new LocalErasureLog(db);
    }

    @Override
    public void close() { db.close(); }
}
