package dev.metarec.port;

import java.util.Map;
import java.util.Optional;

/**
 * Per-item running statistics observed from all users' events: interaction count (popularity), the sum
 * of residuals (observed target minus the champion's attribute-based prediction; the item's warm-up
 * bias is a shrunk mean of these, MetaEmb/MWUF-style) and the number of positive interactions. Updates
 * are atomic single-item increments (DynamoDB {@code ADD}); callers add each event at most once.
 */
public interface ItemStatsStore {

    record ItemStats(String itemId, long count, double residualSum, long positives) {
        public static ItemStats empty(String itemId) { return new ItemStats(itemId, 0, 0.0, 0); }
    }

    /** Atomically adds to an item's statistics (creating them at zero first). {@code residualSum} must be finite. */
    void add(String itemId, long count, double residualSum, long positives);

    Optional<ItemStats> find(String itemId);

    /** All items' statistics by item id. */
    Map<String, ItemStats> all();
}
