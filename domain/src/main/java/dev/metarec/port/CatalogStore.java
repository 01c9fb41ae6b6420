package dev.metarec.port;

import dev.metarec.model.Item;

import java.util.List;
import java.util.Optional;

/** Items and their attributes. */
public interface CatalogStore {

    void upsert(Item item);

    Optional<Item> find(String itemId);

    /** Every item. Callers cache by {@link #version()}. */
    List<Item> all();

    /** Changes whenever an item is added or changed (monotonic counter or timestamp). */
    long version();
}
