package dev.metarec.service;

import dev.metarec.model.Item;
import dev.metarec.port.ItemStatsStore.ItemStats;
import dev.metarec.rank.ItemNeighbours;
import dev.metarec.rank.RankBlend;
import dev.metarec.rank.RankPrior;
import dev.metarec.rank.Recency;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ItemStatsViewTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static CatalogueIndex.Snapshot snapshot(String... ids) {
        List<Item> items = java.util.Arrays.stream(ids).map(id -> new Item(id, null, null)).toList();
        Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) position.put(ids[i], i);
        return new CatalogueIndex.Snapshot("ckpt", 1, items, List.of(), position, null, null);
    }

    @Test
    void view_shouldHoldEachPositionsStatistics_andPopularityFromTheUsersWhoLikedIt() {
        CatalogueIndex.Snapshot cat = snapshot("a", "b", "c");
        Map<String, ItemStats> stats = Map.of("a", new ItemStats("a", 40, 0.0, 2, 0.0), "c", new ItemStats("c", 10, 1.5, 9, 0.0));
        ItemStatsView v = ItemStatsView.of(cat, stats, NOW);
        assertSame(stats.get("a"), v.at(0));
        assertNull(v.at(1), "an item without statistics");
        assertEquals(40, v.count(0));
        assertEquals(0, v.count(1));
        assertEquals(RankBlend.popularity(2, 0), v.popularity(0), 0.0, "popularity counts the 2 users who liked it, not the 40 who rated it");
        assertEquals(0.0, v.popularity(1), 0.0);
        assertTrue(v.popularity(2) > v.popularity(0), "9 users liked c");
    }

    @Test
    void current_shouldReuseTheViewOnlyForTheSameSnapshotAndStatisticsRead() {
        CatalogueIndex.Snapshot cat = snapshot("a", "b");
        Map<String, ItemStats> read = Map.of("a", new ItemStats("a", 3, 0.0, 3, 0.0));
        ItemStatsView v = ItemStatsView.current(null, cat, read, NOW);
        assertSame(v, ItemStatsView.current(v, cat, read, NOW.plusSeconds(3599)));
        assertNotSame(v, ItemStatsView.current(v, cat, read, NOW.plus(ItemStatsView.REREAD)), "an hour on, the recent likes are read again");
        Map<String, ItemStats> next = Map.of("a", new ItemStats("a", 4, 0.0, 4, 0.0));
        ItemStatsView refreshed = ItemStatsView.current(v, cat, next, NOW);
        assertNotSame(v, refreshed);
        assertEquals(4, refreshed.count(0), "a new statistics read is seen at once");
        CatalogueIndex.Snapshot grown = snapshot("a", "b", "new");
        ItemStatsView wider = ItemStatsView.current(refreshed, grown, next, NOW);
        assertNotSame(refreshed, wider);
        assertEquals(0, wider.count(2), "a new catalogue snapshot gets its own layout");
    }

    @Test
    void popularity_shouldRankEqualLikeCountsByHowRecentTheLikesAre() {
        CatalogueIndex.Snapshot cat = snapshot("classic", "new");
        Instant old = NOW.minus(Duration.ofDays(3 * 1096)), recent = NOW.minus(Duration.ofDays(30));
        Map<String, ItemStats> stats = Map.of(
                "classic", new ItemStats("classic", 50, 0.0, 50, 50 * Recency.weight(old)),
                "new", new ItemStats("new", 50, 0.0, 50, 50 * Recency.weight(recent)));
        ItemStatsView v = ItemStatsView.of(cat, stats, NOW);
        assertTrue(v.popularity(1) > v.popularity(0), "50 likes this month outrank 50 likes three half-lives ago");
        assertEquals(RankBlend.popularity(50, 50 / 8.0), v.popularity(0), 1e-9, "three half-lives: an eighth");
        ItemStatsView later = ItemStatsView.of(cat, stats, NOW.plus(Recency.HALF_LIFE));
        assertEquals(RankBlend.popularity(50, 50 / 16.0), later.popularity(0), 1e-9, "read one half-life later: half as much again");
    }
    @Test
    void layout_shouldMapEachNeighbourRowToItsSnapshotPosition_oncePerCheckpoint() {
        CatalogueIndex.Snapshot cat = snapshot("c", "a", "x");
        ItemNeighbours table = ItemNeighbours.fit(List.of(List.of("a", "b"), List.of("a", "c")), 5, 0.0);   // rows a, b, c
        dev.metarec.rank.SupportEncoder encoder = new dev.metarec.rank.SupportEncoder(List.of("a", "c"), 1, new float[2], new float[2], new float[2]);
        RankPrior rank = new RankPrior(table, RankBlend.NETWORK_ONLY).withEncoder(encoder).withForward(table);
        ItemStatsView v = ItemStatsView.of(cat, Map.of(), NOW);
        RankSignals.Layout p = v.layout(rank);
        assertArrayEquals(new int[]{1, -1, 0}, p.neighbours(), "a at 1, b not in the snapshot, c at 0");
        assertArrayEquals(new int[]{1, -1, 0}, p.forward());
        assertArrayEquals(new int[]{1, 0, -1}, p.encoderRows(), "per snapshot position (c, a, x), the encoder's row; x is unknown to it");
        assertSame(p, v.layout(rank), "computed once per view and checkpoint");
        RankPrior other = new RankPrior(table, RankBlend.NETWORK_ONLY);
        assertEquals(0, v.layout(other).forward().length, "another checkpoint's tables are mapped anew");
    }
}
