package dev.metarec.port;

import dev.metarec.model.Item;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Items and their attributes. An upsert replaces the whole item. Every upsert writes the item, then
 * increases the catalogue version, then records the change (new version -> item id) in a change log, so
 * a cache at version v can fetch just the items changed since v ({@link #changes}) instead of all of them.
 */
public interface CatalogStore {

    /** Most versions one {@link #changes} call may span. */
    int MAX_CHANGES = 256;

    /** Writes the item, increases the version, and logs the change at the new version (in that order). */
    void upsert(Item item);

    Optional<Item> find(String itemId);

    /** The items with these ids that exist (adapters may read them in batches); order unspecified. */
    default List<Item> findAll(java.util.Collection<String> itemIds) {
        List<Item> out = new java.util.ArrayList<>(itemIds.size());
        for (String id : itemIds) find(id).ifPresent(out::add);
        return out;
    }

    /** Every item, in unspecified order. Callers cache the result by {@link #version()}. */
    List<Item> all();

    /** Changes (increases) whenever an item is added or changed; 0 for an empty, never-written catalogue. */
    long version();

    /**
     * The change log for versions in ({@code after}, {@code upTo}]: version -> id of the item that upsert
     * wrote. A version without an entry is an upsert still in flight (or whose writer died, or a log entry
     * that expired). At most {@link #MAX_CHANGES} versions may be asked for at once.
     */
    Map<Long, String> changes(long after, long upTo);
}
