package dev.metarec.service;

import dev.metarec.features.EncodedEntity;
import dev.metarec.features.FeatureSpace;
import dev.metarec.model.Item;
import dev.metarec.nn.PreferenceNetwork;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.ItemStatsStore.ItemStats;
import dev.metarec.rank.ItemBaseline;

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
 * ({@link CatalogueMirror}) and computes only their share of the network's first layer; a new champion re-encodes
 * every item without reading the store. Thread-safe:
 * readers get immutable snapshots.
 */
public final class CatalogueIndex {
    /**
     * The catalogue as the champion sees it: items and encodings in the same order, positions by id, and what the
     * champion computes once per item instead of per request: each item's share of the network's first layer
     * ({@code itemSides}, {@link PreferenceNetwork#itemSides}; null when the network's first layer adapts per user, or
     * for a snapshot built without a model) and its checkpoint baseline ({@code baselines}; null: look it up).
     * Arrays are never written after construction.
     */
    public record Snapshot(String checkpointId, long catalogVersion, List<Item> items, List<EncodedEntity> encoded, Map<String, Integer> position,
                           float[][] itemSides, double[] baselines) {
        public int size() { return items.size(); }

        /** The checkpoint baseline of the item at {@code position}. */
        public double baseline(int position, ItemBaseline of) {
            return baselines != null ? baselines[position] : of.of(items.get(position).itemId());
        }

        /** Encodes {@code items} (sorted by id) with {@code features}; no per-item network state (training builds supports this way). */
        public static Snapshot of(String checkpointId, long catalogVersion, List<Item> items, FeatureSpace features) {
            List<Item> sorted = sorted(items);
            List<EncodedEntity> encoded = new ArrayList<>(sorted.size());
            for (Item item : sorted) encoded.add(features.encodeItem(item));
            return build(checkpointId, catalogVersion, sorted, encoded, null, null);
        }

        /** Encodes {@code items} (sorted by id) for {@code model}, with each item's share of its first layer and its baseline. */
        public static Snapshot of(ServingModel model, long catalogVersion, List<Item> items) {
            List<Item> sorted = sorted(items);
            List<EncodedEntity> encoded = new ArrayList<>(sorted.size());
            for (Item item : sorted) encoded.add(model.encodeItem(item));
            float[][] sides = model.network().sharesItemSide() ? model.network().itemSides(model.meta(), encoded) : null;
            return build(model.checkpointId(), catalogVersion, sorted, encoded, sides, baselines(model, sorted));
        }

        /**
         * {@code previous} (built for {@code model}) with the items of {@code view}: only the {@code changed} and new items
         * are encoded again and get their share of the first layer computed; every other item keeps its own.
         */
        static Snapshot updated(Snapshot previous, CatalogueMirror.View view, ServingModel model) {
            List<Item> sorted = new ArrayList<>(view.items().values());
            List<EncodedEntity> encoded = new ArrayList<>(sorted.size());
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
                Item item = sorted.get(i);
                Integer at = previous.position().get(item.itemId());
                boolean again = at == null || view.changed().contains(item.itemId());
                encoded.add(again ? model.encodeItem(item) : previous.encoded().get(at));
                if (again) fresh.add(i);
            }
            float[][] sides = null;
            if (model.network().sharesItemSide()) {
                sides = new float[sorted.size()][];
                List<EncodedEntity> changed = new ArrayList<>(fresh.size());
                for (int i : fresh) changed.add(encoded.get(i));
                float[][] computed = model.network().itemSides(model.meta(), changed);
                for (int j = 0; j < computed.length; j++) sides[fresh.get(j)] = computed[j];
                for (int i = 0; i < sides.length; i++)
                    if (sides[i] == null) sides[i] = previous.itemSides()[previous.position().get(sorted.get(i).itemId())];
            }
            return build(previous.checkpointId(), view.version(), sorted, encoded, sides, baselines(model, sorted));
        }

        private static List<Item> sorted(List<Item> items) {
            List<Item> sorted = new ArrayList<>(items);
            sorted.sort((a, b) -> a.itemId().compareTo(b.itemId()));
            return sorted;
        }

        private static double[] baselines(ServingModel model, List<Item> sorted) {
            ItemBaseline b = model.rank().baseline();
            double[] out = new double[sorted.size()];
            for (int i = 0; i < out.length; i++) out[i] = b.of(sorted.get(i).itemId());
            return out;
        }

        private static Snapshot build(String checkpointId, long catalogVersion, List<Item> sorted, List<EncodedEntity> encoded,
                                      float[][] sides, double[] baselines) {
            Map<String, Integer> position = new HashMap<>(sorted.size() * 2);
            for (int i = 0; i < sorted.size(); i++) position.put(sorted.get(i).itemId(), i);
            return new Snapshot(checkpointId, catalogVersion, Collections.unmodifiableList(sorted), Collections.unmodifiableList(encoded),
                    Collections.unmodifiableMap(position), sides, baselines);
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
        s = sameModel && !view.full() ? Snapshot.updated(s, view, model)
                : Snapshot.of(model, view.version(), new ArrayList<>(view.items().values()));
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
