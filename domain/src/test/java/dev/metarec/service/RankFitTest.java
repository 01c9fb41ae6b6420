package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RankFitTest {
    @Test
    void judged_shouldBeEvents21to70AtEverySupportSize_andTheEventsAfterTheSupportForAShortHistory() {
        for (int k : new int[]{1, 3, 5, 10, 20}) assertArrayEquals(new int[]{20, 70}, RankFit.judged(100, k), "k = " + k);
        assertArrayEquals(new int[]{20, 45}, RankFit.judged(45, 3), "a history shorter than 70 ends at its last event");
        assertArrayEquals(new int[]{30, 80}, RankFit.judged(100, 30), "a support longer than 20: the events after it");
        assertArrayEquals(new int[]{3, 15}, RankFit.judged(15, 3), "20 events or fewer: the events after the support");
        assertArrayEquals(new int[]{20, 20}, RankFit.judged(20, 20), "nothing left to judge");
    }

    @Test
    void likes_shouldCountUsersWhoseLatestEventWithTheItemIsPositive() {
        SupportSets sets = new SupportSets(ServiceSettings.DEFAULT);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Map<String, Integer> liked = new HashMap<>();
        RankFit.addLikes(liked, List.of(rating("a", "loved", 5, t), rating("a", "hated", 1, t)), sets);
        RankFit.addLikes(liked, List.of(rating("b", "loved", 4, t), rating("b", "hated", 2, t), rating("b", "changed", 5, t),
                rating("b", "changed", 1, t.plusSeconds(1))), sets);
        RankFit.addLikes(liked, List.of(new Event("c-click", "c", "hated", EventType.CLICK, 1.0, t)), sets);
        assertEquals(2, liked.get("loved"));
        assertEquals(1, liked.get("hated"), "two users rated it down; one clicked it, and a click is positive");
        assertNull(liked.get("changed"), "the user's latest rating of it is 1 star");
    }

    private static Event rating(String user, String item, double value, Instant at) {
        return new Event(user + "-" + item + "-" + at.getEpochSecond(), user, item, EventType.RATING, value, at);
    }
}
