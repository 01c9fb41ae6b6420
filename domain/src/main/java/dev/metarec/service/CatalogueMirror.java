package dev.metarec.service;

import dev.metarec.model.Item;
import dev.metarec.port.CatalogStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A container's copy of the catalogue, kept current incrementally: after the first full read it fetches only
 * the items the change log names since its version ({@link CatalogStore#changes}, {@link CatalogStore#findAll}).
 * Its version only moves past versions whose log entry it has seen: a version without one (an upsert whose
 * item is written but whose log entry is not, yet) keeps the mirror asking again on the next refresh; if it
 * is still missing after {@code gapGrace} (the writer died) or the mirror is more than
 * {@link CatalogStore#MAX_CHANGES} versions behind, it reads the whole catalogue once. Thread-safe.
 */
public final class CatalogueMirror {
    /** Longer than any upsert takes; a version missing from the log for longer means a writer died. */
    public static final Duration DEFAULT_GAP_GRACE = Duration.ofSeconds(15);

    /**
     * The catalogue at {@code version}, sorted by id; {@code changed}: ids that changed since the previous
     * view ({@code full} when the whole catalogue was read, then every id counts as changed).
     */
    public record View(long version, SortedMap<String, Item> items, Set<String> changed, boolean full) {}

    private final CatalogStore catalog;
    private final Duration gapGrace;
    private TreeMap<String, Item> items;
    private long version = -1;
    private Instant gapSince;

    public CatalogueMirror(CatalogStore catalog, Duration gapGrace) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        if (gapGrace.isNegative()) throw new IllegalArgumentException("gapGrace must be >= 0, was " + gapGrace);
        this.gapGrace = gapGrace;
    }

    /** The version the mirror is complete up to (-1 before the first refresh). */
    public synchronized long version() { return version; }

    /** Brings the mirror up to {@code current} (the store's version, just read), reading as little as it can. */
    public synchronized View refresh(long current, Instant now) {
        boolean gapTimedOut = gapSince != null && !now.isBefore(gapSince.plus(gapGrace));
        if (items == null || current < version || current - version > CatalogStore.MAX_CHANGES || gapTimedOut) return readAll(current);
        if (current == version) return view(Set.of(), false);
        Map<Long, String> log = catalog.changes(version, current);
        Set<String> changed = new TreeSet<>(log.values());
        Set<String> missing = new TreeSet<>(changed);
        for (Item i : catalog.findAll(changed)) {
            items.put(i.itemId(), i);
            missing.remove(i.itemId());
        }
        missing.forEach(items::remove);
        long contiguous = version;
        while (contiguous < current && log.containsKey(contiguous + 1)) contiguous++;
        version = contiguous;
        gapSince = contiguous == current ? null : (gapSince == null ? now : gapSince);
        return view(changed, false);
    }

    private View readAll(long current) {
        TreeMap<String, Item> all = new TreeMap<>();
        for (Item i : catalog.all()) all.put(i.itemId(), i);
        items = all;
        version = current;
        gapSince = null;
        return view(all.keySet(), true);
    }

    private View view(Set<String> changed, boolean full) {
        return new View(version, Collections.unmodifiableSortedMap(new TreeMap<>(items)), Collections.unmodifiableSet(new TreeSet<>(changed)), full);
    }
}
