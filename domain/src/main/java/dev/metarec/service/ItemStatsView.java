package dev.metarec.service;

import dev.metarec.port.ItemStatsStore.ItemStats;
import dev.metarec.rank.RankBlend;
import dev.metarec.rank.RankPrior;
import dev.metarec.rank.Recency;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One read of the item statistics laid out by the positions of one catalogue snapshot, with each item's popularity
 * prior ({@link RankBlend#popularity} of the users who liked it, and of them counted by age). Built once per snapshot
 * and statistics read and shared by every request until either changes or an hour passes ({@link #current}), instead
 * of three lookups by item id and a logarithm per item on every request: at 100,000 items those were most of a warm
 * request's time outside the network.
 * Arrays are never written after construction.
 */
final class ItemStatsView {
    private final CatalogueIndex.Snapshot snapshot;
    private final Map<String, ItemStats> source;
    private final ItemStats[] byPosition;
    private final double[] popularity;
    private final Instant now;

    private ItemStatsView(CatalogueIndex.Snapshot snapshot, Map<String, ItemStats> source, Instant now) {
        this.snapshot = snapshot;
        this.source = source;
        this.now = now;
        int n = snapshot.size();
        byPosition = new ItemStats[n];
        popularity = new double[n];
        double toNow = Recency.asOf(1, now);   // one factor reads every forward-decayed sum at now
        for (int p = 0; p < n; p++) {
            ItemStats s = source.get(snapshot.items().get(p).itemId());
            byPosition[p] = s;
            popularity[p] = s == null ? 0 : RankBlend.popularity(s.positives(), Math.max(0, s.recentPositives()) * toNow);
        }
        if (NewItemPopularity.BY_ATTRIBUTES) {
            boolean[] known = new boolean[n];
            for (int p = 0; p < n; p++) known[p] = byPosition[p] != null && byPosition[p].count() > 0;
            NewItemPopularity.fill(popularity, known, snapshot.items());
        }
    }

    /** The view of {@code stats} with the recent likes read as of {@code now} ({@link Recency#asOf}). */
    static ItemStatsView of(CatalogueIndex.Snapshot snapshot, Map<String, ItemStats> stats, Instant now) { return new ItemStatsView(snapshot, stats, now); }

    /**
     * {@code last} when it was built from this very snapshot and statistics read (identity) less than {@link #REREAD}
     * before {@code now} (the recent likes fade by less than 0.003% an hour at a three-year half-life), else a new view.
     */
    static ItemStatsView current(ItemStatsView last, CatalogueIndex.Snapshot snapshot, Map<String, ItemStats> stats, Instant now) {
        return last != null && last.snapshot == snapshot && last.source == stats && Duration.between(last.now, now).abs().compareTo(REREAD) < 0
                ? last : new ItemStatsView(snapshot, stats, now);
    }

    /** How long a view's reading of the recent likes serves. */
    static final Duration REREAD = Duration.ofHours(1);

    CatalogueIndex.Snapshot snapshot() { return snapshot; }

    /** The statistics of the item at {@code position}; null when it has none. */
    ItemStats at(int position) { return byPosition[position]; }

    /** Users who interacted with the item at {@code position}. */
    long count(int position) {
        ItemStats s = byPosition[position];
        return s == null ? 0 : s.count();
    }

    /** The popularity prior of the item at {@code position}. */
    double popularity(int position) { return popularity[position]; }

    private volatile Layout layout;

    private record Layout(RankPrior rank, RankSignals.Layout layout) {}

    /** {@code rank}'s tables laid out by this view's snapshot ({@link RankSignals#layout}); computed once per view and checkpoint. */
    RankSignals.Layout layout(RankPrior rank) {
        Layout l = layout;
        if (l != null && l.rank() == rank) return l.layout();
        RankSignals.Layout computed = RankSignals.layout(rank, snapshot);
        layout = new Layout(rank, computed);
        return computed;
    }
}
