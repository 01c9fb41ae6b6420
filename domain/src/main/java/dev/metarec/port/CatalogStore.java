package dev.metarec.port;

import dev.metarec.model.Item;

import java.util.List;
import java.util.Optional;

/** Items and their attributes. An upsert replaces the whole item. */
public interface CatalogStore {

    void upsert(Item item);

    Optional<Item> find(String itemId);

    /** Every item, in unspecified order. Callers cache the result by {@link #version()}. */
    List<Item> all();

    /** Changes (increases) whenever an item is added or changed; 0 for an empty, never-written catalogue. */
    long version();
}
