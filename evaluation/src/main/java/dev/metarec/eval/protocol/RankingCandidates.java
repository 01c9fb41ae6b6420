package dev.metarec.eval.protocol;

import dev.metarec.model.Item;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The candidates a user's full-catalogue ranking is scored on, and which of them are positives.
 * <ul>
 *   <li>Positives: the user's held-out items (the task's query) rated at least {@link #POSITIVE_RATING}
 *       (explicit data) or any held-out item (implicit data), except items that also occur in the user's
 *       longest support among the tasks given (so the positives are the same at every k).</li>
 *   <li>Candidates: every catalogue item except (a) the support of this task and (b) the user's held-out
 *       items that are not positives (rated below 4). Everything else stays, including the user's events
 *       between the support and the held-out window (k+1..20), which count as non-positives.</li>
 * </ul>
 *
 * @param task      the task to score: its support, and its query replaced by the candidates (value 0,
 *                  time of the first held-out event)
 * @param positive  per candidate, whether it is a positive
 * @param positives the number of positives
 */
public record RankingCandidates(UserTask task, boolean[] positive, int positives) {
    public static final double POSITIVE_RATING = 4.0;

    /** The candidates of each task, in order; {@code longestSupport} maps a user id to their longest support. */
    public static List<RankingCandidates> of(List<UserTask> tasks, List<Item> catalogue, boolean explicit) {
        Map<String, List<Rated>> longest = longestSupports(tasks);
        List<RankingCandidates> out = new ArrayList<>(tasks.size());
        for (UserTask t : tasks) out.add(of(t, longest.get(t.userId()), catalogue, explicit));
        return out;
    }

    /** Per user id, the longest support among the tasks (the first k events for the largest k). */
    public static Map<String, List<Rated>> longestSupports(List<UserTask> tasks) {
        Map<String, List<Rated>> longest = new HashMap<>();
        for (UserTask t : tasks) longest.merge(t.userId(), t.support(), (a, b) -> a.size() >= b.size() ? a : b);
        return longest;
    }

    public static RankingCandidates of(UserTask t, List<Rated> longestSupport, List<Item> catalogue, boolean explicit) {
        Set<String> exclude = new HashSet<>(), positives = new HashSet<>();
        for (Rated r : t.support()) exclude.add(r.itemId());
        for (Rated r : t.query()) {
            if (!explicit || r.value() >= POSITIVE_RATING) positives.add(r.itemId());
            else exclude.add(r.itemId());
        }
        positives.removeAll(exclude);
        for (Rated r : longestSupport) positives.remove(r.itemId());
        java.time.Instant when = t.query().isEmpty() ? java.time.Instant.EPOCH : t.query().get(0).time();
        List<Rated> items = new ArrayList<>(catalogue.size());
        for (Item i : catalogue) if (!exclude.contains(i.itemId())) items.add(new Rated(i, 0, when));
        boolean[] pos = new boolean[items.size()];
        int n = 0;
        for (int k = 0; k < pos.length; k++) if (pos[k] = positives.contains(items.get(k).itemId())) n++;
        return new RankingCandidates(new UserTask(t.user(), t.support(), items), pos, n);
    }

    /** The candidate items, in catalogue order. */
    public List<Rated> items() { return task.query(); }

    /** True when the ranking can be scored: at least one positive and one non-positive candidate. */
    public boolean scorable() { return positives > 0 && positives < positive.length; }
}
