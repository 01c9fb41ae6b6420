package dev.metarec.adapter.local;

import dev.metarec.model.Item;
import dev.metarec.port.CatalogStore;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue in one map, plus a version counter that increases on every upsert and a change log
 * (version -> item id) of the last {@link #RETAINED_CHANGES} upserts, all written in one commit.
 */
public final class LocalCatalogStore implements CatalogStore {
    private static final String VERSION = "catalogVersion";
    private final LocalDatabase db;
    private final MVMap<String, byte[]> items;
    private final MVMap<String, Long> control;
    private final MVMap<Long, String> changes;
    /** Change-log entries kept; a reader further behind reads the whole catalogue anyway. */
    static final int RETAINED_CHANGES = 4 * MAX_CHANGES;

    public LocalCatalogStore(LocalDatabase db) {
        this.db = db;
        this.items = db.map("items");
        this.control = db.map("catalogControl");
        this.changes = db.map("catalogChanges");
    }

    @Override
    public void upsert(Item item) {
        byte[] encoded = Records.item(item);
        synchronized (this) {
            items.put(Keys.requireId("itemId", item.itemId()), encoded);
            long v = version() + 1;
            control.put(VERSION, v);
            changes.put(v, item.itemId());
            changes.remove(v - RETAINED_CHANGES);
            db.commit();
        }
    }

    @Override
    public Map<Long, String> changes(long after, long upTo) {
        if (upTo - after > MAX_CHANGES) throw new IllegalArgumentException("at most " + MAX_CHANGES + " versions at once, asked for " + (upTo - after));
        Map<Long, String> out = new HashMap<>();
        for (long v = after + 1; v <= upTo; v++) {
            String id = changes.get(v);
            if (id != null) out.put(v, id);
        }
        return out;
    }

    @Override
    public Optional<Item> find(String itemId) { return Optional.ofNullable(items.get(itemId)).map(Records::item); }

    @Override
    public List<Item> all() {
        List<Item> all = new ArrayList<>(items.size());
        for (byte[] b : items.values()) all.add(Records.item(b));
        return all;
    }

    @Override
    public long version() { return control.getOrDefault(VERSION, 0L); }
}
