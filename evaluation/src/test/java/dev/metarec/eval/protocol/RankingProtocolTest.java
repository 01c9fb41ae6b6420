package dev.metarec.eval.protocol;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.data.Datasets;
import dev.metarec.model.Event;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class RankingProtocolTest {
    // Half the items are released during the simulated year, so some are first seen after the cut-off.
    private static final Dataset DATA = Datasets.fromSynthetic(SyntheticGenerator.generate(
            SyntheticConfig.small().withUsers(200).withEvents(22, 60).withInitialItemFraction(0.5), 7));
    private static final RankingSplit SPLIT = RankingProtocol.standard().split(DATA, 1);

    @Test
    void noTrainingObservationContainsANewItem_andNewItemsAreFirstSeenAtOrAfterTheCutoff() {
        Set<String> fresh = SPLIT.newItems();
        assertFalse(fresh.isEmpty(), "the synthetic catalogue grows after the cut-off");
        for (List<Rated> h : SPLIT.trainingHistories())
            for (Rated r : h) {
                assertFalse(fresh.contains(r.itemId()), "training history holds new item " + r.itemId());
                assertTrue(r.time().isBefore(SPLIT.cutoff()), "training history event at " + r.time() + " is not before the cut-off");
            }
        for (UserTask t : SPLIT.split().train()) for (Rated r : t.all()) assertFalse(fresh.contains(r.itemId()), "training task holds new item " + r.itemId());
        for (String id : SPLIT.strictObservations().items()) assertFalse(fresh.contains(id), "strict observations count new item " + id);
        Map<String, Instant> first = new HashMap<>();
        for (Event e : DATA.events()) first.putIfAbsent(e.itemId(), e.timestamp());   // events are in time order
        first.forEach((item, t) -> assertEquals(!t.isBefore(SPLIT.cutoff()), fresh.contains(item), item + " first seen " + t));
        assertTrue(SPLIT.warmUpObservations(5).items().stream().anyMatch(fresh::contains), "warm-up observes test users' supports on new items");
    }

    @Test
    void cutoff_isTheFirstEventOfTheEarliestTestUser_andTrainingHistoriesAreTrainingUsersOnly() {
        Set<String> testUsers = new HashSet<>(), validationUsers = new HashSet<>();
        SPLIT.tests(1).forEach(t -> testUsers.add(t.userId()));
        SPLIT.split().validation().forEach(t -> validationUsers.add(t.userId()));
        Instant earliestTest = SPLIT.tests(1).stream().map(t -> t.support().get(0).time()).min(Instant::compareTo).orElseThrow();
        assertFalse(earliestTest.isBefore(SPLIT.cutoff()));
        for (UserTask t : SPLIT.split().train()) assertFalse(testUsers.contains(t.userId()) || validationUsers.contains(t.userId()));
        Set<Instant> historyStarts = new HashSet<>();
        SPLIT.trainingHistories().forEach(h -> historyStarts.add(h.get(0).time()));
        assertTrue(historyStarts.stream().allMatch(t -> t.isBefore(SPLIT.cutoff())));
    }

    @Test
    void trainingPeriod_readsNoEventOfARealTestUser_andItsTestUsersAreTheLatestTrainingPeriodUsers() {
        Map<String, Instant> firstEvent = new HashMap<>();
        for (Event e : DATA.events()) firstEvent.putIfAbsent(e.userId(), e.timestamp());   // events are in time order
        Set<String> realTest = new HashSet<>();
        firstEvent.forEach((user, t) -> { if (!t.isBefore(SPLIT.cutoff())) realTest.add(user); });
        SPLIT.tests(1).forEach(t -> assertTrue(realTest.contains(t.userId())));
        Dataset period = RankingProtocol.standard().trainingPeriod(DATA);
        for (Event e : period.events()) assertFalse(realTest.contains(e.userId()), "the training period holds test user " + e.userId());
        assertEquals(DATA.events().stream().filter(e -> !realTest.contains(e.userId())).count(), period.events().size(),
                "every event of the training-period users is kept");
        RankingSplit inner = RankingProtocol.standard().split(period, 1);
        assertFalse(inner.tests(1).isEmpty(), "the training period has test users of its own");
        assertTrue(inner.cutoff().isBefore(SPLIT.cutoff()), "its cut-off is earlier than the real one");
        for (UserTask t : inner.tests(1)) assertFalse(t.support().get(0).time().isBefore(inner.cutoff()), "a test user arrives at or after the cut-off");
    }

    @Test
    void everyK_scoresTheSameTestUsersOnTheSameHeldOutWindow() {
        List<UserTask> last = SPLIT.tests(20);
        assertFalse(last.isEmpty());
        for (int k : RankingProtocol.SHOTS) {
            List<UserTask> tasks = SPLIT.tests(k);
            assertEquals(last.size(), tasks.size());
            for (int u = 0; u < tasks.size(); u++) {
                assertEquals(last.get(u).userId(), tasks.get(u).userId());
                assertEquals(last.get(u).query(), tasks.get(u).query(), "held-out window: events 21..70");
                assertEquals(k, tasks.get(u).support().size());
                assertEquals(last.get(u).support().subList(0, k), tasks.get(u).support(), "support: the first k events");
            }
        }
        assertEquals(RankingProtocol.SHOTS, SPLIT.shots());
    }

    @Test
    void candidates_excludeTheSupportAndNonPositiveHeldOutItems_andPositivesAreTheSameAtEveryK() {
        Map<String, List<Rated>> longest = RankingCandidates.longestSupports(SPLIT.tests(20));
        UserTask k1 = SPLIT.tests(1).get(0), k20 = SPLIT.tests(20).get(0);
        RankingCandidates c1 = RankingCandidates.of(k1, longest.get(k1.userId()), DATA.items(), true);
        RankingCandidates c20 = RankingCandidates.of(k20, longest.get(k20.userId()), DATA.items(), true);
        Set<String> low = new HashSet<>();
        for (Rated r : k1.query()) if (r.value() < RankingCandidates.POSITIVE_RATING) low.add(r.itemId());
        for (RankingCandidates c : List.of(c1, c20)) {
            Set<String> ids = new HashSet<>();
            c.items().forEach(r -> ids.add(r.itemId()));
            for (Rated r : c.task().support()) assertFalse(ids.contains(r.itemId()), "support item " + r.itemId() + " is a candidate");
            for (String id : low) assertFalse(ids.contains(id), "non-positive held-out item " + id + " is a candidate");
        }
        assertEquals(positives(c1), positives(c20));
        assertEquals(DATA.items().size() - 1 - low.size(), c1.items().size(), "k = 1: everything but one support item and the low-rated held-out items");
    }

    private static Set<String> positives(RankingCandidates c) {
        Set<String> p = new HashSet<>();
        for (int i = 0; i < c.positive().length; i++) if (c.positive()[i]) p.add(c.items().get(i).itemId());
        return p;
    }
}
