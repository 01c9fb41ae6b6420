package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.nn.Objective;
import dev.metarec.rank.ItemBaseline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits the {@link ItemBaseline} a meta-training run starts from, on the training users' events (validation users are
 * left out, so challenger and champion are compared on users neither saw). As the warm-up statistics count it, each
 * (user, item) pair contributes once: the user's latest rating of the item, else their latest event on it, with the
 * squared-error target the trainer gives that event ({@link SupportSets#target}). Shrinkage is the warm-up's
 * ({@link ServiceSettings#itemBiasShrinkage}), so both are on the same scale. The implicit objectives get
 * {@link ItemBaseline#NONE}: their item-level signal is popularity, which the rank blend weighs.
 */
public final class ItemBaselines {
    private ItemBaselines() {}

    /** Adds one user's events (any order) to per-item {pairs, target sum}. */
    public static void accumulate(Map<String, double[]> sums, List<Event> events, ServiceSettings serving) {
        Map<String, Event> chosen = new HashMap<>();
        for (Event e : events) {
            chosen.merge(e.itemId(), e, (a, b) -> {
                boolean aRating = a.type() == EventType.RATING, bRating = b.type() == EventType.RATING;
                if (aRating != bRating) return aRating ? a : b;
                return TrainingRecipes.OLDEST_FIRST.compare(a, b) >= 0 ? a : b;
            });
        }
        SupportSets targets = new SupportSets(serving);
        for (Event e : chosen.values()) {
            double t = targets.target(e, Objective.SQUARED_ERROR);
            if (!Double.isFinite(t)) continue;
            double[] s = sums.computeIfAbsent(e.itemId(), k -> new double[2]);
            s[0]++;
            s[1] += t;
        }
    }

    /** {@code into} plus {@code other}, entry by entry (for trainers that sum per partition). */
    public static Map<String, double[]> merge(Map<String, double[]> into, Map<String, double[]> other) {
        other.forEach((item, s) -> {
            double[] a = into.computeIfAbsent(item, k -> new double[2]);
            a[0] += s[0];
            a[1] += s[1];
        });
        return into;
    }

    /**
     * Each item's own deviation, beyond what its attributes say: with {@code mu} the mean target over every pair,
     * {@code r_i = (sum_i - n_i mu) / (n_i + lambda)} the item's shrunk raw bias, {@code a_v} the shrunk mean
     * {@code sum r_i / (items with v + lambda)} of the items having attribute value v, and {@code p_i} the mean
     * {@code a_v} over the item's values (0 without any),
     * <pre>  b_i = (sum_i - n_i (mu + p_i)) / (n_i + lambda)</pre>
     * The attribute part is left to the network, which learns it and gives it to every item, a new one included (a new
     * item's baseline is 0: it is scored by its attributes until the warm-up statistics move it). Subtracting
     * the raw bias instead would move the attributes' average quality into the baselines, and new items, which have
     * none, would start below every known item of the same kind.
     *
     * @param catalogue the items' attributes (an item with events but not in it has no attribute prior)
     */
    public static ItemBaseline fit(Map<String, double[]> sums, Collection<Item> catalogue, double lambda) {
        TreeMap<String, double[]> sorted = new TreeMap<>(sums);
        double n = 0, total = 0;
        for (double[] s : sorted.values()) { n += s[0]; total += s[1]; }
        if (n == 0) return ItemBaseline.NONE;
        double mu = total / n;
        Map<String, List<String>> keys = new HashMap<>();
        for (Item item : catalogue) if (sorted.containsKey(item.itemId())) keys.put(item.itemId(), keys(item));
        TreeMap<String, double[]> byValue = new TreeMap<>();   // value -> {items, sum of raw biases}
        for (Map.Entry<String, double[]> e : sorted.entrySet()) {
            double raw = (e.getValue()[1] - e.getValue()[0] * mu) / (e.getValue()[0] + lambda);
            for (String k : keys.getOrDefault(e.getKey(), List.of())) {
                double[] a = byValue.computeIfAbsent(k, x -> new double[2]);
                a[0]++;
                a[1] += raw;
            }
        }
        List<String> ids = new ArrayList<>(sorted.size());
        double[] bias = new double[sorted.size()];
        int i = 0;
        for (Map.Entry<String, double[]> e : sorted.entrySet()) {
            List<String> ks = keys.getOrDefault(e.getKey(), List.of());
            double prior = 0;
            for (String k : ks) { double[] a = byValue.get(k); prior += a[1] / (a[0] + lambda); }
            if (!ks.isEmpty()) prior /= ks.size();
            double b = (e.getValue()[1] - e.getValue()[0] * (mu + prior)) / (e.getValue()[0] + lambda);
            if (!Double.isFinite(b)) throw new IllegalArgumentException("item " + e.getKey() + ": baseline " + b + " is not finite");
            ids.add(e.getKey());
            bias[i++] = b;
        }
        return new ItemBaseline(ids, bias);
    }

    /** "name=value" for each of the item's attribute values. */
    private static List<String> keys(Item item) {
        List<String> out = new ArrayList<>();
        item.attributes().values().forEach((name, values) -> { for (String v : values) out.add(name + "=" + v); });
        return out;
    }

    /** The baseline of a run on {@code data}: its training users' events. */
    static ItemBaseline fit(TrainingData data, MetaTrainSettings settings, ServiceSettings serving) {
        Map<String, double[]> sums = new HashMap<>();
        data.eventsByUser.forEach((user, events) -> {
            if (!TrainingData.isValidationUser(user, settings.validationPercent())) accumulate(sums, events, serving);
        });
        return fit(sums, data.items, serving.itemBiasShrinkage());
    }
}
