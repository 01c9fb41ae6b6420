package dev.metarec.eval.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the served lists do to the catalogue, over all test users' top-N lists (item ids):
 * <ul>
 *   <li><b>coverage</b>: distinct items in all the lists / catalogue size;</li>
 *   <li><b>long-tail share</b>: the share of all list slots taken by items outside the <em>head</em>, the
 *       most popular items (by training interactions) that together make up a given share (20%) of the
 *       training interactions: items are added from the most popular down (ties by id) until their
 *       interactions reach that share.</li>
 * </ul>
 * A collapse onto popular items shows as low coverage and a long-tail share near 0.
 */
public final class CatalogueMetrics {
    public static final double HEAD_SHARE = 0.2;

    private CatalogueMetrics() {}

    public static double coverage(Collection<List<String>> lists, int catalogueSize) {
        if (catalogueSize < 1) throw new IllegalArgumentException("catalogue size must be >= 1, was " + catalogueSize);
        Set<String> distinct = new HashSet<>();
        lists.forEach(distinct::addAll);
        return distinct.size() / (double) catalogueSize;
    }

    public static double longTailShare(Collection<List<String>> lists, Set<String> head) {
        long slots = 0, tail = 0;
        for (List<String> l : lists) for (String item : l) { slots++; if (!head.contains(item)) tail++; }
        if (slots == 0) throw new IllegalArgumentException("no list slots to measure");
        return tail / (double) slots;
    }

    /** The head: the most popular items whose interaction counts first reach {@code share} of the total. */
    public static Set<String> head(Map<String, Integer> interactions, double share) {
        if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("head share must be in (0, 1], was " + share);
        List<Map.Entry<String, Integer>> byCount = new ArrayList<>(interactions.entrySet());
        byCount.removeIf(e -> e.getValue() <= 0);
        byCount.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        long total = 0;
        for (Map.Entry<String, Integer> e : byCount) total += e.getValue();
        Set<String> head = new HashSet<>();
        long sum = 0;
        for (Map.Entry<String, Integer> e : byCount) {
            if (sum >= share * total) break;
            head.add(e.getKey());
            sum += e.getValue();
        }
        return head;
    }
}
