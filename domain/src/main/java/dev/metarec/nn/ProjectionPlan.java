package dev.metarec.nn;

import dev.metarec.features.EncodedCatalogue;
import dev.metarec.features.EncodedEntity;

import java.util.List;

/**
 * For each item feature slot, whether {@link CatalogueScorer} should cache per-row first-layer
 * projections or pool each item's rows and multiply. With N items, R row mentions and D distinct rows
 * in a slot, caching costs D * dim * width + R * width multiply-adds and pooling R * dim + N * dim * width:
 * caching wins for small vocabularies (ratings, genres) and for catalogues much larger than the table,
 * pooling for a large table read by few items (actors across a few thousand films).
 */
final class ProjectionPlan {
    private ProjectionPlan() {}

    static boolean[] forList(NetworkShape shape, List<EncodedEntity> items) {
        int slots = shape.itemTables.length;
        boolean[] cache = new boolean[slots];
        for (int f = 0; f < slots; f++) {
            boolean[] seen = new boolean[shape.itemTables[f].rows()];
            long distinct = 0, mentions = 0;
            for (EncodedEntity e : items)
                for (int r : e.slots()[f]) {
                    mentions++;
                    if (!seen[r]) { seen[r] = true; distinct++; }
                }
            cache[f] = cheaperToCache(shape, items.size(), distinct, mentions);
        }
        return cache;
    }

    static boolean[] forCatalogue(NetworkShape shape, EncodedCatalogue items) {
        int slots = shape.itemTables.length;
        boolean[] cache = new boolean[slots];
        for (int f = 0; f < slots; f++) {
            boolean[] seen = new boolean[shape.itemTables[f].rows()];
            long distinct = 0, mentions = 0;
            for (int i = 0; i < items.size(); i++)
                for (int p = items.slotStart(i, f); p < items.slotEnd(i, f); p++) {
                    int r = items.rowAt(p);
                    mentions++;
                    if (!seen[r]) { seen[r] = true; distinct++; }
                }
            cache[f] = cheaperToCache(shape, items.size(), distinct, mentions);
        }
        return cache;
    }

    private static boolean cheaperToCache(NetworkShape shape, long items, long distinct, long mentions) {
        long dim = shape.dim, width = shape.widths[1];
        return distinct * dim * width + mentions * width <= mentions * dim + items * dim * width;
    }
}
