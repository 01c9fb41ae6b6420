package dev.metarec.synthetic;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class SyntheticGeneratorTest {

    private static final SyntheticConfig CONFIG = SyntheticConfig.small();

    @Test
    void generate_isDeterministicUnderSeed_andDiffersAcrossSeeds() {
        SyntheticDataset a = SyntheticGenerator.generate(CONFIG, 7);
        SyntheticDataset b = SyntheticGenerator.generate(CONFIG, 7);
        SyntheticDataset c = SyntheticGenerator.generate(CONFIG, 8);
        assertEquals(a.events(), b.events());
        assertEquals(a.items(), b.items());
        assertEquals(a.users(), b.users());
        assertEquals(a.truth().driftingUsers(), b.truth().driftingUsers());
        assertNotEquals(a.events(), c.events());
    }

    @Test
    void generate_producesConfiguredCounts_andEachInteractionIsAClickThenARating() {
        SyntheticDataset d = SyntheticGenerator.generate(CONFIG, 1);
        assertEquals(CONFIG.items(), d.items().size());
        assertEquals(CONFIG.users(), d.users().size());
        assertEquals(d.ratings().size(), d.implicitEvents().size());
        Map<String, Long> perUser = d.ratings().stream().collect(Collectors.groupingBy(Event::userId, Collectors.counting()));
        for (long n : perUser.values()) assertTrue(n >= CONFIG.minEvents() && n <= CONFIG.maxEvents(), "events per user " + n);
        for (Event e : d.ratings()) {
            double r = e.value();
            assertTrue(r >= 1 && r <= 5 && r == Math.rint(r), "rating " + r);
        }
        assertEquals(d.events().size(), new HashSet<>(d.events().stream().map(Event::eventId).toList()).size(), "event ids are unique");
    }

    @Test
    void events_areInTimeOrder_andNeverPrecedeTheItemsRelease_andNewItemsAppearOverTime() {
        SyntheticDataset d = SyntheticGenerator.generate(CONFIG, 2);
        Map<String, Item> items = d.items().stream().collect(Collectors.toMap(Item::itemId, Function.identity()));
        Instant previous = Instant.MIN;
        Set<String> ratedLate = new HashSet<>();
        for (Event e : d.events()) {
            assertFalse(e.timestamp().isBefore(previous), "events sorted by time");
            previous = e.timestamp();
            Item item = items.get(e.itemId());
            assertFalse(e.timestamp().isBefore(item.releasedAt()), e.eventId() + " precedes the release of " + e.itemId());
            if (item.releasedAt().isAfter(CONFIG.start())) ratedLate.add(e.itemId());
        }
        long released = d.items().stream().filter(i -> i.releasedAt().isAfter(CONFIG.start())).count();
        assertEquals(CONFIG.items() - (int) Math.ceil(CONFIG.initialItemFraction() * CONFIG.items()), released);
        assertTrue(ratedLate.size() > released / 2, "most items released later get events: " + ratedLate.size() + " of " + released);
    }

    @Test
    void ratings_followTheTrueUtility() {
        SyntheticDataset d = SyntheticGenerator.generate(CONFIG.withSlateSize(1).withRatingNoise(0.3), 3);
        List<double[]> pairs = new ArrayList<>();
        for (Event e : d.ratings()) pairs.add(new double[]{d.truth().expectedRating(e.userId(), e.itemId(), e.timestamp()), e.value()});
        double corr = correlation(pairs);
        assertTrue(corr > 0.9, "correlation between expected and observed rating " + corr);
    }

    @Test
    void slates_makeUsersPickItemsTheyLike() {
        SyntheticDataset uniform = SyntheticGenerator.generate(CONFIG.withSlateSize(1).withDriftFraction(0), 4);
        SyntheticDataset chosen = SyntheticGenerator.generate(CONFIG.withSlateSize(10).withDriftFraction(0), 4);
        double u = mean(uniform.ratings().stream().mapToDouble(Event::value).toArray());
        double c = mean(chosen.ratings().stream().mapToDouble(Event::value).toArray());
        assertTrue(c > u + 0.5, "chosen items rate higher (" + c + ") than uniformly exposed ones (" + u + ")");
    }

    @Test
    void driftingUsers_changeTasteAtTheRecordedIndex() {
        SyntheticDataset d = SyntheticGenerator.generate(CONFIG.withSlateSize(1).withRatingNoise(0.2).withDriftFraction(1.0), 5);
        assertEquals(CONFIG.users(), d.truth().driftingUsers().size());
        Map<String, List<Event>> byUser = d.ratings().stream().collect(Collectors.groupingBy(Event::userId));
        double errOldAfter = 0, errNewAfter = 0, errOldBefore = 0, errNewBefore = 0;
        for (String userId : d.truth().driftingUsers()) {
            GroundTruth.UserTruth t = d.truth().user(userId);
            List<Event> events = byUser.get(userId);
            int change = d.truth().changeIndex(userId).orElseThrow();
            assertTrue(change >= 2 && change <= events.size() - 2, "change index " + change + " of " + events.size());
            assertEquals(events.get(change).timestamp().minusMillis(1), t.changeTime());
            for (int k = 0; k < events.size(); k++) {
                Event e = events.get(k);
                double old = GroundTruth.toRating(t.before().utility(d.truth().item(e.itemId())));
                double neu = GroundTruth.toRating(t.after().utility(d.truth().item(e.itemId())));
                if (k < change) { errOldBefore += Math.abs(old - e.value()); errNewBefore += Math.abs(neu - e.value()); }
                else { errOldAfter += Math.abs(old - e.value()); errNewAfter += Math.abs(neu - e.value()); }
            }
        }
        assertTrue(errNewAfter < 0.6 * errOldAfter, "after the change the new taste explains the ratings: " + errNewAfter + " vs " + errOldAfter);
        assertTrue(errOldBefore < 0.6 * errNewBefore, "before the change the old taste explains them: " + errOldBefore + " vs " + errNewBefore);
    }

    @Test
    void noDrift_whenDriftFractionIsZero() {
        SyntheticDataset d = SyntheticGenerator.generate(CONFIG.withDriftFraction(0), 6);
        assertTrue(d.truth().driftingUsers().isEmpty());
        assertTrue(d.truth().changeIndex("u0").isEmpty());
        assertTrue(d.truth().changeTime("u0").isEmpty());
    }

    @Test
    void ageAttribute_isCorrelatedWithTheTasteSegment() {
        SyntheticDataset d = SyntheticGenerator.generate(CONFIG.withUsers(600), 9);
        int agree = 0;
        for (UserProfile p : d.users()) {
            int segment = d.truth().user(p.userId()).segment();
            if (p.attributes().get(SyntheticDataset.AGE).get(0).equals(SyntheticGenerator.AGE_BANDS.get(segment))) agree++;
        }
        double share = agree / 600.0;
        assertTrue(share > 0.75 && share < 0.95, "share of users whose age band is their segment's " + share);
    }

    @Test
    void usersOfOneSegment_shareTastes() {
        SyntheticDataset d = SyntheticGenerator.generate(CONFIG, 10);
        Map<Integer, List<double[]>> bySegment = new HashMap<>();
        for (UserProfile p : d.users()) {
            GroundTruth.UserTruth t = d.truth().user(p.userId());
            bySegment.computeIfAbsent(t.segment(), s -> new ArrayList<>()).add(t.before().genre());
        }
        double within = 0, between = 0;
        int nw = 0, nb = 0;
        List<double[]> s0 = bySegment.get(0), s1 = bySegment.get(1);
        for (int i = 0; i < 20; i++) for (int j = i + 1; j < 20; j++) { within += dist(s0.get(i), s0.get(j)); nw++; }
        for (int i = 0; i < 20; i++) for (int j = 0; j < 20; j++) { between += dist(s0.get(i), s1.get(j)); nb++; }
        assertTrue(within / nw < 0.7 * (between / nb), "within-segment distance " + within / nw + " vs between " + between / nb);
    }

    @Test
    void config_rejectsImpossibleValues_namingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CONFIG.withEvents(10, 5));
        assertTrue(e.getMessage().contains("maxEvents"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CONFIG.withDriftFraction(1.5));
        assertTrue(e.getMessage().contains("driftFraction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CONFIG.withUsers(0));
        assertTrue(e.getMessage().contains("users"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CONFIG.withEvents(2, 5));
        assertTrue(e.getMessage().contains("minEvents"), e.getMessage());
    }

    @Test
    void truth_rejectsUnknownIds() {
        SyntheticDataset d = SyntheticGenerator.generate(CONFIG.withUsers(3), 11);
        assertThrows(IllegalArgumentException.class, () -> d.truth().user("nobody"));
        assertThrows(IllegalArgumentException.class, () -> d.truth().item("nothing"));
        assertEquals(EventType.CLICK, d.events().get(0).type());
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    private static double correlation(List<double[]> pairs) {
        double mx = 0, my = 0;
        for (double[] p : pairs) { mx += p[0]; my += p[1]; }
        mx /= pairs.size(); my /= pairs.size();
        double sxy = 0, sxx = 0, syy = 0;
        for (double[] p : pairs) { sxy += (p[0] - mx) * (p[1] - my); sxx += (p[0] - mx) * (p[0] - mx); syy += (p[1] - my) * (p[1] - my); }
        return sxy / Math.sqrt(sxx * syy);
    }
}
