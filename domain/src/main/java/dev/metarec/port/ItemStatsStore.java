package dev.metarec.port;

import java.util.Map;
import java.util.Optional;

/**
 * Per-item running statistics observed from all users' events: interaction count (popularity) and
 * the sum of residuals against the champion's attribute-based prediction (the item's warm-up bias is
 * a shrunk mean of these). Updates are atomic single-item increments.
 */
public interface ItemStatsStore {

    record ItemStats(String itemId, long count, double residualSum, long positives) {
        public static ItemStats empty(String itemId) { return new ItemStats(itemId, 0, 0.0, 0); }
    }

    /** Atomically adds to an item's statistics. */
    void add(String itemId, long count, double residualSum, long positives);

    Optional<ItemStats> find(String itemId);

    Map<String, ItemStats> all();
}
