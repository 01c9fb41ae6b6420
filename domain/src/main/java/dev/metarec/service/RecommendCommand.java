package dev.metarec.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated recommendation request.
 *
 * @param userId           who to recommend for
 * @param k                how many items (1..maxK)
 * @param candidates       restrict to these items (empty = whole catalogue); unknown ids are ignored
 * @param exclude          never return these items
 * @param categories       only items with one of these values in the category attribute (empty = any)
 * @param excludeSeen      never return items the user has interacted with
 * @param explorationShare share of the k slots (0..0.5) reserved for new items the model ranks highest among them
 */
public record RecommendCommand(String userId, int k, Set<String> candidates, Set<String> exclude, Set<String> categories,
                               boolean excludeSeen, double explorationShare) {
    public static final double MAX_EXPLORATION = 0.5;

    public RecommendCommand {
        candidates = Set.copyOf(candidates);
        exclude = Set.copyOf(exclude);
        categories = Set.copyOf(categories);
    }

    public static RecommendCommand of(String userId, Integer k, List<String> candidates, List<String> exclude, List<String> categories,
                                      Boolean excludeSeen, Double explorationShare, Limits limits) {
        Validation v = new Validation(limits);
        String user = v.id("userId", userId);
        int count = k == null ? 10 : k;
        if (count < 1 || count > limits.maxK())
            throw new InvalidRequestException("k", "1.." + limits.maxK(), "was " + count + ", must be between 1 and " + limits.maxK());
        double share = explorationShare == null ? 0.0 : explorationShare;
        if (!(share >= 0 && share <= MAX_EXPLORATION))
            throw new InvalidRequestException("explorationShare", "0.." + MAX_EXPLORATION, "was " + share + ", must be between 0 and " + MAX_EXPLORATION);
        return new RecommendCommand(user, count, ids(v, "candidates", candidates), ids(v, "exclude", exclude), ids(v, "categories", categories),
                excludeSeen == null || excludeSeen, share);
    }

    private static Set<String> ids(Validation v, String field, List<String> values) {
        List<String> list = v.list(field, values, v.limits().maxListSize());
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) out.add(v.id(field + "[" + i + "]", list.get(i)));
        return out;
    }
}
