package dev.metarec.eval.protocol;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.data.Datasets;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class ProtocolTest {
    private static final Dataset DATA = Datasets.fromSynthetic(SyntheticGenerator.generate(
            SyntheticConfig.small().withUsers(300).withEvents(20, 90).withInitialItemFraction(0.5), 5));
    private static final Instant NEW_FROM = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void melu_splitsUsersAndItemsAsSpecified() {
        MeluProtocol p = MeluProtocol.melu(NEW_FROM);
        EvalSplit s = p.split(DATA, 1);
        Set<String> train = ids(s.train()), val = ids(s.validation());
        Set<String> newUsers = ids(s.scenarios().get(MeluProtocol.NEW_USER_EXISTING_ITEM));
        newUsers.addAll(ids(s.scenarios().get(MeluProtocol.NEW_USER_NEW_ITEM)));
        assertTrue(disjoint(train, val) && disjoint(train, newUsers) && disjoint(val, newUsers), "train, validation and new users are disjoint");
        assertTrue(train.containsAll(ids(s.scenarios().get(MeluProtocol.EXISTING_USER_NEW_ITEM))), "existing-user tasks belong to training users");
        for (UserTask t : s.train()) assertTask(t, p, false);
        for (UserTask t : s.validation()) assertTask(t, p, false);
        for (UserTask t : s.scenarios().get(MeluProtocol.NEW_USER_EXISTING_ITEM)) assertTask(t, p, false);
        for (UserTask t : s.scenarios().get(MeluProtocol.EXISTING_USER_NEW_ITEM)) assertTask(t, p, true);
        for (UserTask t : s.scenarios().get(MeluProtocol.NEW_USER_NEW_ITEM)) assertTask(t, p, true);
        assertFalse(s.scenarios().get(MeluProtocol.NEW_USER_NEW_ITEM).isEmpty());
        double share = (train.size() + val.size()) / (double) DATA.users().size();
        assertTrue(share > 0.6 && share <= 0.8, "at most 80% of users train (fewer pass the 13-100 filter): " + share);
    }

    private static void assertTask(UserTask t, MeluProtocol p, boolean newItems) {
        assertEquals(10, t.query().size());
        int n = t.support().size() + t.query().size();
        assertTrue(n >= 13 && n <= 100, "13-100 ratings, got " + n);
        for (Rated r : t.all()) assertEquals(newItems, p.isNew(r.item()), "item " + r.itemId() + " in the wrong scenario");
        assertEquals(n, t.all().stream().map(Rated::itemId).distinct().count(), "support and query are disjoint");
    }

    @Test
    void melu_isDeterministicPerSeed_andDiffersAcrossSeeds() {
        MeluProtocol p = MeluProtocol.melu(NEW_FROM);
        assertEquals(p.split(DATA, 3).train(), p.split(DATA, 3).train());
        assertNotEquals(ids(p.split(DATA, 3).train()), ids(p.split(DATA, 4).train()));
    }

    @Test
    void timeOrdered_supportIsTheFirstKEvents_andQueryComesAfter() {
        TimeOrderedProtocol p = TimeOrderedProtocol.standard();
        EvalSplit s = p.split(DATA, 1);
        Instant lastTrainStart = s.train().stream().map(t -> t.support().get(0).time()).max(Instant::compareTo).orElseThrow();
        for (int k : p.shots()) {
            List<UserTask> tasks = s.scenarios().get("k=" + k);
            assertFalse(tasks.isEmpty());
            for (UserTask t : tasks) {
                assertEquals(k, t.support().size());
                Instant lastSupport = t.support().get(k - 1).time();
                for (Rated q : t.query()) assertTrue(q.time().isAfter(lastSupport), "query after support");
                assertFalse(t.support().get(0).time().isBefore(lastTrainStart), "test users start after training users");
            }
        }
        assertEquals(s.scenarios().get("k=1").get(0).query(), s.scenarios().get("k=20").get(0).query(), "every k is scored on the same query");
        assertFalse(s.validation().isEmpty());
        assertEquals(p.shots(), s.validation().stream().filter(t -> t.userId().equals(s.validation().get(0).userId())).map(t -> t.support().size()).toList(),
                "a validation user is scored at every shot count");
        for (UserTask t : concat(s.train(), s.validation())) {
            assertTrue(t.support().size() >= 1 && t.support().size() <= p.maxShots(), "support of 1..max(shots) events");
            List<Rated> h = TimeOrderedProtocol.histories(DATA).get(t.userId());
            assertEquals(h.subList(0, t.support().size()), t.support());
            assertEquals(h.subList(p.maxShots(), Math.min(h.size(), p.maxShots() + p.queryLimit())), t.query(),
                    "training and validation queries are the events after the first max(shots), like the test queries");
        }
    }

    private static List<UserTask> concat(List<UserTask> a, List<UserTask> b) {
        List<UserTask> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void observations_warmUpAddsSupportButNeverQuery() {
        EvalSplit s = MeluProtocol.melu(NEW_FROM).split(DATA, 2);
        Observations strict = s.strictObservations(), warm = s.warmUpObservations();
        UserTask t = s.scenarios().get(MeluProtocol.NEW_USER_NEW_ITEM).get(0);
        long supportTotal = s.validation().stream().mapToLong(x -> x.support().size()).sum()
                + s.scenarios().values().stream().flatMap(List::stream).mapToLong(x -> x.support().size()).sum();
        assertEquals(strict.total() + supportTotal, warm.total());
        for (Rated r : t.support()) assertTrue(warm.count(r.itemId()) > strict.count(r.itemId()));
        for (Rated q : t.query()) assertEquals(0, strict.count(q.itemId()), "strict never sees new items");
    }

    private static Set<String> ids(List<UserTask> tasks) { return tasks.stream().map(UserTask::userId).collect(Collectors.toCollection(HashSet::new)); }

    private static boolean disjoint(Set<String> a, Set<String> b) { return a.stream().noneMatch(b::contains); }
}
