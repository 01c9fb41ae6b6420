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
 * The catalogue encoded for one champion, brought up to date whenever the catalogue version or the champion
 * changes (so an item ingested now is scored on the next request), plus the item statistics, re-read at most
 * every {@code statsRefresh}. A catalogue change reads and encodes only the changed items
 * ({@link CatalogueMirror}); a new champion re-encodes every item without reading the store. Thread-safe:
 * readers get immutable snapshots.
 */
public final class CatalogueIndex {
    /** The catalogue as the champion sees it: items and encodings in the same order, and positions by id. */
    public record Snapshot(String checkpointId, long catalogVersion, List<Item> items, List<EncodedEntity> encoded, Map<String, Integer> position) {
        public int size() { return items.size(); }

        /** Encodes {@code items} (sorted by id) with {@code features}. */
        public static Snapshot of(String checkpointId, long catalogVersion, List<Item> items, FeatureSpace features) {
            List<Item> sorted = new ArrayList<>(items);
            sorted.sort((a, b) -> a.itemId().compareTo(b.itemId()));
            return build(checkpointId, catalogVersion, sorted, i -> features.encodeItem(sorted.get(i)));
        }

        /** {@code previous} with the items of {@code view}: only {@code changed} ids are encoded again. */
        static Snapshot updated(Snapshot previous, CatalogueMirror.View view, FeatureSpace features) {
            List<Item> sorted = new ArrayList<>(view.items().values());
            return build(previous.checkpointId(), view.version(), sorted, i -> {
                Item item = sorted.get(i);
                Integer at = previous.position().get(item.itemId());
                return at == null || view.changed().contains(item.itemId()) ? features.encodeItem(item) : previous.encoded().get(at);
            });
        }

        private static Snapshot build(String checkpointId, long catalogVersion, List<Item> sorted, java.util.function.IntFunction<EncodedEntity> encode) {
            List<EncodedEntity> encoded = new ArrayList<>(sorted.size());
            Map<String, Integer> position = new HashMap<>(sorted.size() * 2);
            for (int i = 0; i < sorted.size(); i++) {
                encoded.add(encode.apply(i));
                position.put(sorted.get(i).itemId(), i);
            }
            return new Snapshot(checkpointId, catalogVersion, Collections.unmodifiableList(sorted), Collections.unmodifiableList(encoded),
                    Collections.unmodifiableMap(position));
        }
    }

    private final CatalogStore catalog;
    private final CatalogueMirror mirror;
    private final ItemStatsStore stats;
    private final ServiceSettings settings;
    private static final java.time.Duration GAP_RETRY = java.time.Duration.ofSeconds(1);
    private volatile Snapshot snapshot;
    private long askedVersion = -1;
    private Instant askedAt = Instant.MIN;
    private volatile Map<String, ItemStats> statsSnapshot = Map.of();
    private volatile Instant statsReadAt = Instant.MIN;

    public CatalogueIndex(CatalogStore catalog, ItemStatsStore stats, ServiceSettings settings) {
        this.catalog = catalog;
        this.mirror = new CatalogueMirror(catalog, CatalogueMirror.DEFAULT_GAP_GRACE);
        this.stats = stats;
        this.settings = settings;
    }

    /** The catalogue encoded for {@code model}, current as of the store's version now (one version read when unchanged). */
    public Snapshot snapshot(ServingModel model, Instant now) {
        Snapshot s = snapshot;
        long version = catalog.version();
        if (s != null && s.catalogVersion() == version && s.checkpointId().equals(model.checkpointId())) return s;
        return rebuild(model, version, now);
    }

    private synchronized Snapshot rebuild(ServingModel model, long version, Instant now) {
        Snapshot s = snapshot;
        boolean sameModel = s != null && s.checkpointId().equals(model.checkpointId());
        if (sameModel && s.catalogVersion() == version) return s;
        // A version missing from the change log (a write in flight): ask the log again at most every GAP_RETRY.
        if (sameModel && version == askedVersion && now.isBefore(askedAt.plus(GAP_RETRY))) return s;
        askedVersion = version;
        askedAt = now;
        CatalogueMirror.View view = mirror.refresh(version, now);
        s = sameModel && !view.full() ? Snapshot.updated(s, view, model.features())
                : Snapshot.of(model.checkpointId(), view.version(), new ArrayList<>(view.items().values()), model.features());
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
