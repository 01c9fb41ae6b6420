package dev.metarec.service;

import dev.metarec.features.EncodedEntity;
import dev.metarec.features.FeatureSpace;
import dev.metarec.model.Item;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.ItemStatsStore.ItemStats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue encoded for one champion, rebuilt whenever the catalogue version or the champion
 * changes (so an item ingested now is scored on the next request), plus the item statistics, re-read
 * at most every {@code statsRefresh}. Thread-safe: readers get immutable snapshots.
 */
public final class CatalogueIndex {
    /** The catalogue as the champion sees it: items and encodings in the same order, and positions by id. */
    public record Snapshot(String checkpointId, long catalogVersion, List<Item> items, List<EncodedEntity> encoded, Map<String, Integer> position) {
        public int size() { return items.size(); }

        /** Encodes {@code items} (sorted by id) with {@code features}. */
        public static Snapshot of(String checkpointId, long catalogVersion, List<Item> items, FeatureSpace features) {
            List<Item> sorted = new ArrayList<>(items);
            sorted.sort((a, b) -> a.itemId().compareTo(b.itemId()));
            List<EncodedEntity> encoded = new ArrayList<>(sorted.size());
            Map<String, Integer> position = new HashMap<>(sorted.size() * 2);
            for (int i = 0; i < sorted.size(); i++) {
                encoded.add(features.encodeItem(sorted.get(i)));
                position.put(sorted.get(i).itemId(), i);
            }
            return new Snapshot(checkpointId, catalogVersion, Collections.unmodifiableList(sorted), Collections.unmodifiableList(encoded),
                    Collections.unmodifiableMap(position));
        }
    }

    private final CatalogStore catalog;
    private final ItemStatsStore stats;
    private final ServiceSettings settings;
    private volatile Snapshot snapshot;
    private volatile Map<String, ItemStats> statsSnapshot = Map.of();
    private volatile Instant statsReadAt = Instant.MIN;

    public CatalogueIndex(CatalogStore catalog, ItemStatsStore stats, ServiceSettings settings) {
        this.catalog = catalog;
        this.stats = stats;
        this.settings = settings;
    }

    public Snapshot snapshot(ServingModel model) {
        Snapshot s = snapshot;
        long version = catalog.version();
        if (s != null && s.catalogVersion() == version && s.checkpointId().equals(model.checkpointId())) return s;
        return rebuild(model, version);
    }

    private synchronized Snapshot rebuild(ServingModel model, long version) {
        Snapshot s = snapshot;
        if (s != null && s.catalogVersion() == version && s.checkpointId().equals(model.checkpointId())) return s;
        s = Snapshot.of(model.checkpointId(), version, catalog.all(), model.features());
        snapshot = s;
        return s;
    }

    /** Item statistics, at most {@code statsRefresh} old. */
    public Map<String, ItemStats> stats(Instant now) {
        if (!now.isBefore(statsReadAt.plus(settings.statsRefresh()))) {
            statsSnapshot = Map.copyOf(stats.all());
            statsReadAt = now;
        }
        return statsSnapshot;
    }

    /** Forgets the cached statistics (tests, and after an ingest in the same container). */
    public void invalidateStats() { statsReadAt = Instant.MIN; }
}
