package dev.metarec.port;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-item running statistics observed from all users' events: interaction count (popularity), the sum
 * of residuals (observed target minus the champion's attribute-based prediction; the item's warm-up
 * bias is a shrunk mean of these, MetaEmb/MWUF-style) and the number of positive interactions. Updates
 * are atomic single-item increments (DynamoDB {@code ADD}). Exactly-once per event: {@link #addOnce} adds
 * and records the event's token in the item's small pending set in one conditional write, unless the token
 * is already there; {@link #settle} forgets the token once the event is marked applied. Statistics stored before
 * {@code recentPositives} existed read it as 0 (their likes count in the popularity prior, not among the recent ones)
 * (see {@link dev.metarec.service.ItemStatsLedger}).
 */
public interface ItemStatsStore {

    /**
     * {@code recentPositives}: the positive interactions as a forward-decayed sum ({@link dev.metarec.rank.Recency}:
     * each added {@code Recency.weight(its event time)}), read with {@code Recency.asOf(sum, now)}.
     */
    record ItemStats(String itemId, long count, double residualSum, long positives, double recentPositives) {
        public static ItemStats empty(String itemId) { return new ItemStats(itemId, 0, 0.0, 0, 0.0); }
    }

    /**
     * Atomically adds to an item's statistics (creating them at zero first). {@code residualSum} and
     * {@code recentPositives} must be finite.
     */
    void add(String itemId, long count, double residualSum, long positives, double recentPositives);

    /**
     * Atomically adds to an item's statistics and records {@code token} as pending, unless the token is already
     * pending (then nothing changes). True when added now. {@code residualSum} and {@code recentPositives} must be finite.
     */
    boolean addOnce(String itemId, String token, long count, double residualSum, long positives, double recentPositives);

    /** Removes {@code token} from the item's pending set (no effect, nothing created, if absent). */
    void settle(String itemId, String token);

    /** The item's pending tokens (empty when none). */
    Set<String> pending(String itemId);

    /**
     * Every item that has pending tokens, with them (the statistics repair removes stray ones); a scan. A store that
     * cannot list them throws {@link UnsupportedOperationException} (the repair then removes no token).
     */
    default Map<String, Set<String>> allPending() {
        throw new UnsupportedOperationException("this item-statistics store cannot list pending tokens");
    }

    Optional<ItemStats> find(String itemId);

    /** All items' statistics by item id. */
    Map<String, ItemStats> all();
}
