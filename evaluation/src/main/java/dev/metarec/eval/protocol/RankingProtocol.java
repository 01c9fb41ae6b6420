package dev.metarec.eval.protocol;

import dev.metarec.eval.data.Dataset;
import dev.metarec.model.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The few-shot ranking protocol: {@link TimeOrderedProtocol}'s user split (users ordered by their first
 * event; the earliest 80% are training-period users, the latest 10% of those validation users; the rest
 * test users), scored at k = 1, 3, 5, 10 and 20 support events on the same test users and the same
 * held-out window (events 21..70 of each user with at least 21 events).
 * <p>
 * The training period ends at the <em>cut-off</em>, the first event time of the earliest test user. What a
 * method may learn from is cut there: each training user's complete history before the cut-off (the
 * {@link RankingSplit#trainingHistories()}, also the strict observations), and the meta-training tasks of
 * the time-ordered split with their events at or after the cut-off removed. So an item first seen at or
 * after the cut-off (a <em>new item</em>) appears in no training observation. Validation users keep all
 * their events (like test users they are evaluated, not learned from). Deterministic: the split does not
 * depend on the seed except for the training tasks' support sizes.
 */
public record RankingProtocol(TimeOrderedProtocol timeOrder) {
    public static final List<Integer> SHOTS = List.of(1, 3, 5, 10, 20);

    /** 80% training-period users (10% of them validation), k in {@link #SHOTS}, held-out window of 50 events. */
    public static RankingProtocol standard() { return new RankingProtocol(new TimeOrderedProtocol(0.8, 0.1, SHOTS, 1, 50)); }

    /**
     * The data set cut to its training-period users (the earliest 80% by first event, validation users included),
     * for choosing designs: the ranking protocol on it has the latest of those users as its test users, arriving after
     * its own earlier cut-off, so a design is judged on users placed as the real test users are, without reading one
     * event of a real test user (protocol {@code ranking-validation}).
     */
    public Dataset trainingPeriod(Dataset data) {
        Map<String, List<Rated>> byUser = TimeOrderedProtocol.histories(data);
        List<String> order = TimeOrderedProtocol.byFirstEvent(byUser);
        Set<String> kept = new HashSet<>(order.subList(0, timeOrder.trainingUsers(order.size())));
        return new Dataset(data.name() + " (training period)", data.items(),
                data.users().stream().filter(u -> kept.contains(u.userId())).toList(),
                data.events().stream().filter(e -> kept.contains(e.userId())).toList(), data.userFeatures(), data.itemFeatures());
    }

    public RankingSplit split(Dataset data, long seed) {
        EvalSplit base = timeOrder.split(data, seed);
        Map<String, List<Rated>> byUser = TimeOrderedProtocol.histories(data);
        List<String> order = TimeOrderedProtocol.byFirstEvent(byUser);
        int nTrain = timeOrder.trainingUsers(order.size());
        int nValidation = timeOrder.validationUsers(nTrain);
        Instant cutoff = nTrain < order.size() ? byUser.get(order.get(nTrain)).get(0).time() : Instant.MAX;
        List<List<Rated>> histories = new ArrayList<>();
        for (int i = 0; i < nTrain - nValidation; i++) {
            List<Rated> before = before(byUser.get(order.get(i)), cutoff);
            if (!before.isEmpty()) histories.add(before);
        }
        List<UserTask> train = new ArrayList<>();
        for (UserTask t : base.train()) {
            List<Rated> support = before(t.support(), cutoff), query = before(t.query(), cutoff);
            if (!support.isEmpty() && !query.isEmpty()) train.add(new UserTask(t.user(), support, query));
        }
        if (train.isEmpty()) throw new IllegalArgumentException(data.name() + ": no training task has events before the cut-off " + cutoff);
        return new RankingSplit(new EvalSplit(train, base.validation(), base.scenarios()), histories, cutoff, newItems(data, cutoff));
    }

    /** Items whose first event in the data set is at or after {@code cutoff}. */
    static Set<String> newItems(Dataset data, Instant cutoff) {
        Map<String, Instant> first = new HashMap<>();
        for (Event e : data.events()) first.merge(e.itemId(), e.timestamp(), (a, b) -> a.isBefore(b) ? a : b);
        Set<String> out = new HashSet<>();
        first.forEach((item, t) -> { if (!t.isBefore(cutoff)) out.add(item); });
        return out;
    }

    private static List<Rated> before(List<Rated> events, Instant cutoff) {
        return events.stream().filter(r -> r.time().isBefore(cutoff)).toList();
    }
}
