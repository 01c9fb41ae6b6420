package dev.metarec.eval.protocol;

import dev.metarec.eval.data.Dataset;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time-ordered few-shot protocol: users are ordered by the time of their first event; the earliest
 * {@code trainFraction} are training users (the last {@code validationFraction} of those validation
 * users), the rest test users. A test user's support is their first k events and the query the next
 * {@code queryLimit} events after them (what came after), for each k in {@code shots}, the query being the same for every k. Users need at
 * least max(shots) + {@code minQuery} events.
 */
public record TimeOrderedProtocol(double trainFraction, double validationFraction, List<Integer> shots, int minQuery, int queryLimit) {

    public TimeOrderedProtocol {
        shots = List.copyOf(shots);
        if (shots.isEmpty()) throw new IllegalArgumentException("shots must not be empty");
        if (!(trainFraction > 0 && trainFraction < 1)) throw new IllegalArgumentException("trainFraction must be in (0, 1), was " + trainFraction);
        if (minQuery < 1 || queryLimit < minQuery) throw new IllegalArgumentException("need 1 <= minQuery <= queryLimit, were " + minQuery + ", " + queryLimit);
    }

    public static TimeOrderedProtocol standard() { return new TimeOrderedProtocol(0.8, 0.1, List.of(1, 3, 5, 10, 20), 5, 50); }

    public int maxShots() { return shots.stream().mapToInt(Integer::intValue).max().orElseThrow(); }

    /**
     * Scenario names are {@code k=<shots>}; every k is scored on the same query (the events after the
     * first max(shots)). Training and validation tasks are built exactly like the test tasks, so that
     * meta-training and the validation choices (stopping, support shrinkage) see the regime they are
     * scored on: the query is the up to {@code queryLimit} events after the first max(shots), not the
     * events right after the support (which are closer in time and easier to predict from it). A
     * training user's support is their first s events, s drawn uniformly from 1..max(shots) per user and
     * seed; a validation user gives one task per k in {@code shots}, so validation weighs every shot count
     * as the few-shot curve does.
     */
    public EvalSplit split(Dataset data, long seed) {
        Map<String, List<Rated>> byUser = histories(data);
        List<String> order = byFirstEvent(byUser);
        int nTrain = trainingUsers(order.size());
        int nValidation = validationUsers(nTrain);
        Map<String, UserProfile> users = data.usersById();
        List<UserTask> train = new ArrayList<>(), validation = new ArrayList<>();
        java.util.Random rng = new java.util.Random(seed);
        for (int i = 0; i < nTrain; i++) {
            String u = order.get(i);
            List<Rated> h = byUser.get(u);
            if (h.size() < maxShots() + minQuery) continue;
            List<Rated> query = h.subList(maxShots(), Math.min(h.size(), maxShots() + queryLimit));
            if (i >= nTrain - nValidation) {
                for (int k : shots) validation.add(new UserTask(users.get(u), h.subList(0, k), query));
            } else {
                train.add(new UserTask(users.get(u), h.subList(0, 1 + rng.nextInt(maxShots())), query));
            }
        }
        Map<String, List<UserTask>> scenarios = new LinkedHashMap<>();
        for (int k : shots) {
            List<UserTask> tasks = new ArrayList<>();
            for (int i = nTrain; i < order.size(); i++) {
                List<Rated> h = byUser.get(order.get(i));
                if (h.size() < maxShots() + minQuery) continue;
                tasks.add(new UserTask(users.get(order.get(i)), h.subList(0, k), h.subList(maxShots(), Math.min(h.size(), maxShots() + queryLimit))));
            }
            scenarios.put("k=" + k, tasks);
        }
        return new EvalSplit(train, validation, scenarios);
    }

    /** User ids ordered by the time of their first event (ties by id). */
    static List<String> byFirstEvent(Map<String, List<Rated>> byUser) {
        List<String> order = new ArrayList<>(byUser.keySet());
        order.sort(Comparator.comparing((String u) -> byUser.get(u).get(0).time()).thenComparing(u -> u));
        return order;
    }

    /** How many of {@code users} (ordered by first event) are training-period users, validation users included. */
    int trainingUsers(int users) { return (int) Math.round(users * trainFraction); }

    /** How many of the {@code trainingUsers} (the latest ones) are validation users. */
    int validationUsers(int trainingUsers) { return (int) Math.round(trainingUsers * validationFraction); }

    /** Each user's events in time order (implicit events have value 1). */
    static Map<String, List<Rated>> histories(Dataset data) {
        Map<String, Item> items = data.itemsById();
        Map<String, List<Rated>> byUser = new LinkedHashMap<>();
        for (Event e : data.events())
            byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(new Rated(items.get(e.itemId()), e.value() == null ? 1.0 : e.value(), e.timestamp()));
        return byUser;
    }
}
