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
import java.util.function.Function;

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

    /** How many rounds of backfitting fit the attribute effects (they settle in a few). */
    static final int ROUNDS = 5;

    /**
     * Each item's own deviation, beyond what its attributes say. With {@code mu} the mean target over every pair and
     * {@code r_i = (sum_i - n_i mu) / (n_i + lambda)} the item's shrunk raw bias, an additive model over the item's
     * feature rows as the network sees them ({@code slots}: per feature, the rows it pools) is fitted to the r_i by
     * backfitting ({@value #ROUNDS} rounds; each row's effect the shrunk mean, weight over weight + lambda, of what the
     * other features leave; a multi-valued feature's effect the mean of its rows'), giving the attribute prior
     * {@code p_i}, and
     * <pre>  b_i = (sum_i - n_i (mu + p_i)) / (n_i + lambda)</pre>
     * The attribute part is left to the network, which learns it and gives it to every item, a new one included (a new
     * item's baseline is 0: it is scored by its attributes until the warm-up statistics move it). Keeping the raw bias
     * instead would move the attributes' average quality into the baselines, and new items, which have none, would
     * start below every known item of their kind.
     *
     * @param catalogue the items' attributes (an item with events but not in it has no attribute prior)
     * @param slots     an item's feature rows, per feature ({@link dev.metarec.features.FeatureSpace#encodeItem})
     */
    public static ItemBaseline fit(Map<String, double[]> sums, Collection<Item> catalogue, Function<Item, int[][]> slots, double lambda) {
        TreeMap<String, double[]> sorted = new TreeMap<>(sums);
        double n = 0, total = 0;
        for (double[] s : sorted.values()) { n += s[0]; total += s[1]; }
        if (n == 0) return ItemBaseline.NONE;
        double mu = total / n;
        Map<String, int[][]> rows = new HashMap<>();
        for (Item item : catalogue) if (sorted.containsKey(item.itemId())) rows.put(item.itemId(), slots.apply(item));
        double[] prior = attributePrior(sorted, rows, mu, lambda);
        List<String> ids = new ArrayList<>(sorted.size());
        double[] bias = new double[sorted.size()];
        int i = 0;
        for (Map.Entry<String, double[]> e : sorted.entrySet()) {
            double b = (e.getValue()[1] - e.getValue()[0] * (mu + prior[i])) / (e.getValue()[0] + lambda);
            if (!Double.isFinite(b)) throw new IllegalArgumentException("item " + e.getKey() + ": baseline " + b + " is not finite");
            ids.add(e.getKey());
            bias[i++] = b;
        }
        return new ItemBaseline(ids, bias);
    }

    /** p_i per item of {@code sorted} (in its order): the backfitted additive attribute model of the raw biases. */
    private static double[] attributePrior(TreeMap<String, double[]> sorted, Map<String, int[][]> rows, double mu, double lambda) {
        int items = sorted.size();
        double[] raw = new double[items];
        int[][][] slots = new int[items][][];
        int features = 0;
        int i = 0;
        for (Map.Entry<String, double[]> e : sorted.entrySet()) {
            raw[i] = (e.getValue()[1] - e.getValue()[0] * mu) / (e.getValue()[0] + lambda);
            slots[i] = rows.getOrDefault(e.getKey(), new int[0][]);
            features = Math.max(features, slots[i].length);
            i++;
        }
        double[][] effect = new double[features][items];   // effect[f][i]: feature f's part of item i's prior
        double[] prior = new double[items];
        for (int round = 0; round < ROUNDS; round++) {
            for (int f = 0; f < features; f++) {
                Map<Integer, double[]> acc = new HashMap<>();   // row -> {weight, weighted sum of what the other features leave}
                for (int x = 0; x < items; x++) {
                    if (f >= slots[x].length || slots[x][f].length == 0) continue;
                    double left = raw[x] - (prior[x] - effect[f][x]);
                    double w = 1.0 / slots[x][f].length;
                    for (int r : slots[x][f]) {
                        double[] a = acc.computeIfAbsent(r, k -> new double[2]);
                        a[0] += w;
                        a[1] += w * left;
                    }
                }
                for (int x = 0; x < items; x++) {
                    if (f >= slots[x].length || slots[x][f].length == 0) continue;
                    double e = 0;
                    for (int r : slots[x][f]) { double[] a = acc.get(r); e += a[1] / (a[0] + lambda); }
                    e /= slots[x][f].length;
                    prior[x] += e - effect[f][x];
                    effect[f][x] = e;
                }
            }
        }
        return prior;
    }

    /**
     * What a run's baseline is fitted from: per item {pairs, target sum} over the training users, and the shrinkage. The
     * challenger fits it once its feature space is known ({@link TrainingRecipes#challenger}).
     */
    public record Evidence(Map<String, double[]> sums, double lambda) {
        public static final Evidence NONE = new Evidence(Map.of(), 0);

        public ItemBaseline fit(Collection<Item> catalogue, dev.metarec.features.FeatureSpace features) {
            return ItemBaselines.fit(sums, catalogue, item -> features.encodeItem(item).slots(), lambda);
        }
    }

    /** The evidence of a run on {@code data}: its training users' events. */
    static Evidence evidence(TrainingData data, MetaTrainSettings settings, ServiceSettings serving) {
        Map<String, double[]> sums = new HashMap<>();
        data.eventsByUser.forEach((user, events) -> {
            if (!TrainingData.isValidationUser(user, settings.validationPercent())) accumulate(sums, events, serving);
        });
        return new Evidence(sums, serving.itemBiasShrinkage());
    }
}
