package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class RankSignalsTest {
    private static final SupportSets SETS = new SupportSets(ServiceSettings.DEFAULT);
    private static final Instant T = Instant.parse("2026-12-07T00:00:00Z");

    private static Event rating(String item, double stars) { return new Event("e-" + item + stars, "u", item, EventType.RATING, stars, T); }

    @Test
    void aDislikeIsARatingBelowThePositiveRatingAndTheLatestEventOfAnItemDecides() {
        List<Event> newestFirst = List.of(
                rating("ok", 3), rating("fairly-bad", 2), rating("awful", 1), rating("half-star", 0.5), rating("liked", 4),
                rating("changed-mind", 5), rating("changed-mind", 1),            // newest first: 5 stars after 1 star
                new Event("c", "u", "clicked", EventType.CLICK, null, T));
        assertEquals(Set.of("ok", "fairly-bad", "awful", "half-star"), RankSignals.dislikedItems(newestFirst, SETS),
                "below 4 stars is a dislike by default (-Dmetarec.serving.dislike-below=3 would make 3 stars neutral; tried, not kept); a click is a like; the newest rating of an item counts");
    }

    @Test
    void theNetworkSignalIsTheScores_orWithTheDeltaTrialWhatAdaptationChanged() {
        double[] scores = {3.0, 4.5, 2.0};
        assertSame(scores, RankSignals.network(scores, null), "served: the adapted scores as they are");
        assertArrayEquals(new double[]{0.5, -0.5, 0.0}, RankSignals.network(scores, new double[]{2.5, 5.0, 2.0}), 1e-12);
        assertFalse(RankSignals.NETWORK_DELTA, "off unless -Dmetarec.rankfit.network-signal=delta");
    }
}
