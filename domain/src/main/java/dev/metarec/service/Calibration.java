package dev.metarec.service;

import dev.metarec.math.Vectors;
import dev.metarec.model.Item;
import dev.metarec.rank.NumberProperty;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calibrated reranking (Steck, "Calibrated Recommendations", RecSys 2018), served with λ = 0.5 since 2026-12-07
 * ({@code -Dmetarec.serving.calibration=λ}, λ in [0, 1), 0 = off; adopted on the training periods by a rule written before
 * the runs, docs/RESULTS.md): the top {@value #LIST} are chosen greedily from the blend's best {@link #POOL} (50) so
 * that their categories' shares come close to those of the user's positive support events, trading
 * (1 − λ)·(the blended order, min-max scaled over the pool) against λ·KL(p ‖ q̃), where p is the support's category
 * distribution (each positive item's categories share it equally, weighted by the item's recency weight), q the
 * list's and q̃ = (1 − α) q + α p with α = {@value #ALPHA}. So a narrow taste sees itself in its first ten without
 * asking for a category; what it costs in recall is measured in docs/RESULTS.md. Since 2026-12-07 (night) the categories
 * the support holds only in disliked items (rated below the positive rating) also hold a candidate back: {@link #AVOID}.
 */
final class Calibration {
    static final int LIST = 10;
    static final String POOL_PROPERTY = "metarec.serving.calibration-pool";
    /** How many of the blend's best the ten are chosen from: 50; {@code -Dmetarec.serving.calibration-pool=N} (N >= 10) for comparing designs. */
    static final int POOL = (int) NumberProperty.whole(POOL_PROPERTY, "50", LIST, 100_000);
    static final double ALPHA = 0.01;
    static final String PROPERTY = "metarec.serving.calibration";
    static final double LAMBDA = NumberProperty.inRange(PROPERTY, "0.5", 0, true, 1, false);
    static final String AVOID_PROPERTY = "metarec.serving.calibration-avoid";
    /**
     * β = 0.5 ({@code -Dmetarec.serving.calibration-avoid=β}, 0 = off; adopted on the training periods by a rule written
     * before the runs, docs/RESULTS.md): a candidate is held back by λ·β·(the share of its categories that the user's
     * support holds only in disliked items), so that 1-star romances keep romances back unless the user also liked one.
     */
    static final double AVOID = NumberProperty.inRange(AVOID_PROPERTY, "0.5", 0, true, Double.POSITIVE_INFINITY, false);

    private Calibration() {}

    /**
     * {@code order} (aligned with {@code eligible}) with the calibrated top {@code listSize} lifted above every other item,
     * in pages of {@value #LIST}: each page is chosen greedily, continuing the list before it, from the blend's best
     * {@link #POOL} + {@value #LIST}·(pages before it) items not yet chosen, lifted above every later page and kept in the
     * blend's order among its own items (calibration chooses which ten, the blend where each goes: the greedy sequence
     * would put a category's filler before a better item). So the first ten are the same whatever {@code listSize} is,
     * and a request for 20 holds back the disliked categories at 11–20 too. {@code order} itself when λ is 0, or no
     * positive support item has a category and none is only disliked.
     *
     * With {@code avoid} β > 0 a candidate is also held back by λ·β·(the share of its categories found among the
     * {@code disliked} items' and not among the positive ones'); {@code order} itself when no category is left to avoid
     * either.
     *
     * @param positives the support's positive items with their weights (item id → weight)
     * @param disliked  the support's items whose latest event is not positive
     * @param listSize  how many items the caller is shown (at least 1): the pages calibrated are ceil(listSize / {@value #LIST})
     * @param order     finite (serving falls back to the network's finite scores before it calibrates)
     */
    static double[] rerank(double lambda, double avoid, double[] order, int[] eligible, List<Item> catalogue, Map<String, Integer> position,
                           Map<String, Double> positives, Set<String> disliked, String attribute, int listSize) {
        if (listSize < 1) throw new IllegalArgumentException("list size must be >= 1, was " + listSize);
        if (lambda == 0 || order.length == 0) return order;
        Set<String> avoided = new HashSet<>();
        if (avoid > 0)
            for (String id : disliked) {
                Integer at = position.get(id);
                if (at != null) avoided.addAll(catalogue.get(at).attributes().get(attribute));
            }
        Map<String, Double> p = new HashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> e : positives.entrySet()) {
            Integer at = position.get(e.getKey());
            if (at == null) continue;
            List<String> g = catalogue.get(at).attributes().get(attribute);
            for (String c : g) p.merge(c, e.getValue() / g.size(), Double::sum);
            if (!g.isEmpty()) total += e.getValue();
        }
        avoided.removeAll(p.keySet());
        if (total == 0 && avoided.isEmpty()) return order;
        for (Map.Entry<String, Double> e : p.entrySet()) e.setValue(e.getValue() / total);
        int pages = (listSize + LIST - 1) / LIST;
        int[] widest = Vectors.largest(order, POOL + LIST * (pages - 1));
        Integer[] best = new Integer[widest.length];   // the widest pool, best first (ties: the first positions, as Vectors.largest)
        for (int i = 0; i < best.length; i++) best[i] = widest[i];
        java.util.Arrays.sort(best, (a, b) -> order[a] != order[b] ? Double.compare(order[b], order[a]) : Integer.compare(a, b));
        double hi = best.length == 0 ? 0 : order[best[0]];
        Map<Integer, List<String>> categories = new HashMap<>();
        for (int i : widest) categories.put(i, catalogue.get(eligible[i]).attributes().get(attribute));
        Map<String, Double> chosenShares = new HashMap<>();
        Set<Integer> taken = new HashSet<>();
        double[] out = order.clone();
        int r = 0;
        for (int page = 0; page < pages; page++) {
            int[] pool = java.util.Arrays.stream(best, 0, Math.min(best.length, POOL + LIST * page)).mapToInt(Integer::intValue).sorted().toArray();
            double lo = Double.POSITIVE_INFINITY;
            for (int i : pool) lo = Math.min(lo, order[i]);
            double span = hi > lo ? hi - lo : 1;
            double lift = hi + 1 + 2.0 * (pages - 1 - page);   // this page above every later one
            for (int pick = 0; pick < LIST && r < pool.length; pick++, r++) {
                int chosen = -1;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (int i : pool) {
                    if (taken.contains(i)) continue;
                    List<String> g = categories.get(i);
                    double kl = 0;
                    for (Map.Entry<String, Double> e : p.entrySet()) {
                        double q = chosenShares.getOrDefault(e.getKey(), 0.0) + (g.contains(e.getKey()) ? 1.0 / g.size() : 0.0);
                        double qt = (1 - ALPHA) * q / (r + 1) + ALPHA * e.getValue();
                        kl += e.getValue() * Math.log(e.getValue() / qt);
                    }
                    double held = 0;
                    if (!avoided.isEmpty() && !g.isEmpty()) {
                        for (String cat : g) if (avoided.contains(cat)) held++;
                        held = avoid * held / g.size();
                    }
                    double value = (1 - lambda) * (order[i] - lo) / span - lambda * (kl + held);
                    if (value > bestValue) { bestValue = value; chosen = i; }
                }
                taken.add(chosen);
                List<String> g = categories.get(chosen);
                for (String c : g) chosenShares.merge(c, 1.0 / g.size(), Double::sum);
                out[chosen] = lift + (order[chosen] - lo) / span;   // in the blend's order within the page
            }
        }
        return out;
    }
}
