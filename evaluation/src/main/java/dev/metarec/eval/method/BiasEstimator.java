package dev.metarec.eval.method;

import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.model.Item;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A shrunk baseline predictor r(u, i) = mu + b_i + b_u (Koren, "Factor in the Neighbors", TKDD 2010,
 * section 2.1), with an attribute prior for items: each attribute value v gets the shrunk mean bias
 * a_v of the training items that have it, an item's prior is the mean a_v over its values, and
 * <pre>
 *   b_i = (sum_obs (r - mu) + lambdaItem * prior_i) / (n_i + lambdaItem)       (prior_i alone when n_i = 0)
 *   b_u = sum_support (r - mu - b_i) / (n_u + lambdaUser)
 * </pre>
 * mu and the a_v are fitted once on training observations; n_i and the sums come from whichever
 * observations the caller passes (strict or warm-up). Immutable.
 */
public final class BiasEstimator {
    private final double mu;
    private final double lambdaItem;
    private final double lambdaUser;
    private final Map<String, Double> valueBias;

    private BiasEstimator(double mu, double lambdaItem, double lambdaUser, Map<String, Double> valueBias) {
        this.mu = mu;
        this.lambdaItem = lambdaItem;
        this.lambdaUser = lambdaUser;
        this.valueBias = valueBias;
    }

    /** Fits mu and the attribute-value biases on the training items' observations. */
    public static BiasEstimator fit(Collection<Item> items, Observations train, double lambdaItem, double lambdaUser, double lambdaAttribute) {
        double mu = train.globalMean();
        Map<String, double[]> acc = new HashMap<>();
        for (Item item : items) {
            int n = train.count(item.itemId());
            if (n == 0) continue;
            double b = (train.sum(item.itemId()) - n * mu) / (n + lambdaItem);
            for (String key : keys(item)) {
                double[] a = acc.computeIfAbsent(key, k -> new double[2]);
                a[0]++;
                a[1] += b;
            }
        }
        Map<String, Double> valueBias = new HashMap<>();
        acc.forEach((k, a) -> valueBias.put(k, a[1] / (a[0] + lambdaAttribute)));
        return new BiasEstimator(mu, lambdaItem, lambdaUser, valueBias);
    }

    private static List<String> keys(Item item) {
        return item.attributes().values().entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + v)).toList();
    }

    public double globalMean() { return mu; }

    public double lambdaItem() { return lambdaItem; }

    public double lambdaUser() { return lambdaUser; }

    /** The attribute prior of an item's bias (0 when none of its values was seen in training). */
    public double attributePrior(Item item) {
        List<String> keys = keys(item);
        if (keys.isEmpty()) return 0;
        double s = 0;
        for (String k : keys) s += valueBias.getOrDefault(k, 0.0);
        return s / keys.size();
    }

    public double itemBias(Item item, Observations observed) {
        int n = observed.count(item.itemId());
        double prior = attributePrior(item);
        if (n == 0) return prior;
        return (observed.sum(item.itemId()) - n * mu + lambdaItem * prior) / (n + lambdaItem);
    }

    /** mu + b_i: the item's baseline prediction, the offset the network's score is added to. */
    public double itemBaseline(Item item, Observations observed) { return mu + itemBias(item, observed); }

    public double userBias(List<Rated> support, Observations observed) {
        double s = 0;
        for (Rated r : support) s += r.value() - itemBaseline(r.item(), observed);
        return s / (support.size() + lambdaUser);
    }
}
