package dev.metarec.adapter.local;

import dev.metarec.model.Item;
import dev.metarec.port.CatalogStore;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalogue in one map, plus a version counter that increases on every upsert. */
public final class LocalCatalogStore implements CatalogStore {
    private static final String VERSION = "catalogVersion";
    private final LocalDatabase db;
    private final MVMap<String, byte[]> items;
    private final MVMap<String, Long> control;

    public LocalCatalogStore(LocalDatabase db) {
        this.db = db;
        this.items = db.map("items");
        this.control = db.map("catalogControl");
    }

    @Override
    public void upsert(Item item) {
        byte[] encoded = Records.item(item);
        synchronized (this) {
            items.put(Keys.requireId("itemId", item.itemId()), encoded);
            control.put(VERSION, version() + 1);
        }
        db.commit();
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
