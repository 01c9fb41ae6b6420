package dev.metarec.service;

import dev.metarec.model.Item;
import dev.metarec.port.ItemStatsStore.ItemStats;
import dev.metarec.rank.RankBlend;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ItemStatsViewTest {
    private static CatalogueIndex.Snapshot snapshot(String... ids) {
        List<Item> items = java.util.Arrays.stream(ids).map(id -> new Item(id, null, null)).toList();
        Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) position.put(ids[i], i);
        return new CatalogueIndex.Snapshot("ckpt", 1, items, List.of(), position, null, null);
    }

    @Test
    void view_shouldHoldEachPositionsStatistics_andPopularityFromTheUsersWhoLikedIt() {
        CatalogueIndex.Snapshot cat = snapshot("a", "b", "c");
        Map<String, ItemStats> stats = Map.of("a", new ItemStats("a", 40, 0.0, 2), "c", new ItemStats("c", 10, 1.5, 9));
        ItemStatsView v = ItemStatsView.of(cat, stats);
        assertSame(stats.get("a"), v.at(0));
        assertNull(v.at(1), "an item without statistics");
        assertEquals(40, v.count(0));
        assertEquals(0, v.count(1));
        assertEquals(RankBlend.popularity(2), v.popularity(0), 0.0, "popularity counts the 2 users who liked it, not the 40 who rated it");
        assertEquals(0.0, v.popularity(1), 0.0);
        assertTrue(v.popularity(2) > v.popularity(0), "9 users liked c");
    }

    @Test
    void current_shouldReuseTheViewOnlyForTheSameSnapshotAndStatisticsRead() {
        CatalogueIndex.Snapshot cat = snapshot("a", "b");
        Map<String, ItemStats> read = Map.of("a", new ItemStats("a", 3, 0.0, 3));
        ItemStatsView v = ItemStatsView.current(null, cat, read);
        assertSame(v, ItemStatsView.current(v, cat, read));
        Map<String, ItemStats> next = Map.of("a", new ItemStats("a", 4, 0.0, 4));
        ItemStatsView refreshed = ItemStatsView.current(v, cat, next);
        assertNotSame(v, refreshed);
        assertEquals(4, refreshed.count(0), "a new statistics read is seen at once");
        CatalogueIndex.Snapshot grown = snapshot("a", "b", "new");
        ItemStatsView wider = ItemStatsView.current(refreshed, grown, next);
        assertNotSame(refreshed, wider);
        assertEquals(0, wider.count(2), "a new catalogue snapshot gets its own layout");
    }
}
