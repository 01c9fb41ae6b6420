package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import org.junit.jupiter.api.Test;

import dev.metarec.rank.Recency;

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
        RankFit.Likes liked = new RankFit.Likes();
        RankFit.addLikes(liked, List.of(rating("a", "loved", 5, t), rating("a", "hated", 1, t)), sets);
        RankFit.addLikes(liked, List.of(rating("b", "loved", 4, t), rating("b", "hated", 2, t), rating("b", "changed", 5, t),
                rating("b", "changed", 1, t.plusSeconds(1))), sets);
        RankFit.addLikes(liked, List.of(new Event("c-click", "c", "hated", EventType.CLICK, 1.0, t)), sets);
        assertEquals(2, liked.count("loved"));
        assertEquals(1, liked.count("hated"), "two users rated it down; one clicked it, and a click is positive");
        assertEquals(0, liked.count("changed"), "the user's latest rating of it is 1 star");
        assertEquals(2, liked.recent("loved"), 1e-7, "read at the latest event (a second after the likes): two likes, fresh");
        assertEquals(0, liked.recent("changed"), 0.0);
        RankFit.addLikes(liked, List.of(rating("d", "later", 5, t.plus(Recency.HALF_LIFE))), sets);
        assertEquals(1, liked.recent("loved"), 1e-6, "a half-life after the two likes, the latest event: they count one");
        assertEquals(1, liked.recent("later"), 1e-9);
        assertTrue(liked.popularity("later") > liked.popularity("hated"), "one like each; the later one counts more");
    }

    @Test
    void signalsAlone_shouldReportEachSignalsOwnRecall_perBucket() {
        int n = 30;
        double[] rising = new double[n], falling = new double[n], flat = new double[n];
        boolean[] firstTen = new boolean[n];
        for (int i = 0; i < n; i++) { rising[i] = i; falling[i] = n - i; firstTen[i] = i < 10; }
        // the positives are the first ten items: popularity (falling) finds them all, the encoder (rising) none
        List<dev.metarec.rank.RankBlend.Case> cases = List.of(new dev.metarec.rank.RankBlend.Case(1, flat, falling, flat, rising, firstTen),
                new dev.metarec.rank.RankBlend.Case(20, flat, falling, flat, rising, firstTen));
        String line = RankFit.signalsAlone(cases);
        assertTrue(line.contains("popularity 1.000 NaN NaN NaN 1.000;"), line);
        assertTrue(line.contains("encoder 0.000 NaN NaN NaN 0.000"), line);
        assertTrue(line.contains("network 1.000"), "a flat signal ties everything, and ties go to the earlier candidate: " + line);
    }

    @Test
    void latestBlendUsers_shouldBeTheLastToArriveWithTwoEvents_asManyAsTheHashSampleHolds() {
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        List<Event> all = new java.util.ArrayList<>();
        for (int u = 0; u < 40; u++) {   // user u arrives on day u; u7 and u38 have a single event
            String user = "u" + u;
            all.add(rating(user, "a", 5, t.plus(java.time.Duration.ofDays(u))));
            if (u != 7 && u != 38) all.add(rating(user, "b", 4, t.plus(java.time.Duration.ofDays(100 + u))));
        }
        TrainingData data = TrainingData.of(all, List.of(), Map.of());
        MetaTrainSettings tenPercent = MetaTrainSettings.DEFAULT;   // 10% of 40 users: 4
        assertEquals(List.of("u35", "u36", "u37", "u39"), RankFit.blendUsers(data, tenPercent, RankFit.Validation.LATEST),
                "the four latest by first event, skipping u38 (one event), in id order");
        List<String> hashed = RankFit.blendUsers(data, tenPercent, RankFit.Validation.HASH);
        for (String user : hashed) assertTrue(TrainingData.isValidationUser(user, tenPercent.validationPercent()), user);
        long expected = data.eventsByUser.keySet().stream().filter(user -> TrainingData.isValidationUser(user, 10)).count();
        assertEquals(expected, hashed.size(), "the hash sample: every user whose id hashes into it");
        assertEquals(java.util.Set.of("u35", "u36", "u37", "u39"), data.heldFromTraining(tenPercent, true),
                "with the latest users held out of meta-training (a trial), exactly these leave the training tasks");
        assertEquals(java.util.Set.of(), data.heldFromTraining(tenPercent, false));
    }

    @Test
    void theTrialSwitches_shouldDefaultToTheServedDesign() {
        assertEquals(0.5, RankFit.NEIGHBOUR_ALPHA, "the cosine");
        assertEquals(0, RankFit.NEIGHBOUR_WINDOW, "every co-occurrence, both ways");
        assertEquals(10.0, RankFit.SHRINKAGE);
        assertEquals(Integer.MAX_VALUE, RankFit.FORWARD_WINDOW, "the forward neighbours: every later item of a user");
    }

    private static Event rating(String user, String item, double value, Instant at) {
        return new Event(user + "-" + item + "-" + at.getEpochSecond(), user, item, EventType.RATING, value, at);
    }
}
