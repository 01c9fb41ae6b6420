package dev.metarec.eval.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One seed's split of the ranking protocol ({@link RankingProtocol}).
 *
 * @param split            the time-ordered split: training tasks (cut at {@code cutoff}), validation tasks
 *                         (one per shot count k and validation user) and the test scenarios {@code k=<k>}
 *                         (the same test users, in the same order, at every k)
 * @param trainingHistories each training (not validation) user's complete history before {@code cutoff}
 * @param cutoff           the end of the training period: the first event time of the earliest test user
 * @param newItems         items whose first event in the whole data set is at or after {@code cutoff}; no
 *                         training history or training task contains them
 */
public record RankingSplit(EvalSplit split, List<List<Rated>> trainingHistories, Instant cutoff, Set<String> newItems) {

    public RankingSplit {
        trainingHistories = trainingHistories.stream().map(List::copyOf).toList();
        newItems = Set.copyOf(newItems);
    }

    /** The shot counts k of the test scenarios, ascending. */
    public List<Integer> shots() {
        return split.scenarios().keySet().stream().map(s -> Integer.parseInt(s.substring(2))).sorted().toList();
    }

    public List<UserTask> tests(int k) {
        List<UserTask> t = split.scenarios().get("k=" + k);
        if (t == null) throw new IllegalArgumentException("no test scenario for k=" + k + "; shots are " + shots());
        return t;
    }

    /** What a strict evaluation observes: the training histories. */
    public Observations strictObservations() { return Observations.of(trainingHistories); }

    /**
     * Warm-up at shot count k: the training histories plus every test user's support of k events, as
     * production's item statistics would count the events of users who arrived after the cut-off. Held-out
     * events never enter.
     */
    public Observations warmUpObservations(int k) {
        List<List<Rated>> supports = new ArrayList<>();
        for (UserTask t : tests(k)) supports.add(t.support());
        return strictObservations().plus(supports);
    }
}
