package dev.metarec.eval.method;

import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.features.FeatureKind;
import dev.metarec.features.FeatureSpec;
import dev.metarec.model.Item;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute popularity, the cold-start floor for new items: an attribute value's popularity is the
 * number of observed interactions (in the variant's observations) with items that have the value; an
 * item's score is the mean of its values' popularities over the data set's categorical and multi-valued
 * item features (for MovieLens: the mean over its genres of genre popularity). Numeric features are not
 * used; an item without such values scores 0. It ignores the user's support: the same order for everyone.
 */
public final class AttributePopularity implements RatingMethod {
    @Override public String name() { return "attribute popularity"; }

    @Override public FittedModel fit(TrainingData data, Progress progress) {
        List<String> features = data.dataset().itemFeatures().stream()
                .filter(f -> f.kind() == FeatureKind.CATEGORICAL || f.kind() == FeatureKind.MULTI).map(FeatureSpec::name).toList();
        Map<String, Item> items = data.dataset().itemsById();
        return new FittedModel() {
            private Observations lastObserved;
            private Map<String, Double> lastPopularity;

            @Override public List<Integer> stepCounts() { return List.of(0); }

            @Override public boolean predictsRatings() { return false; }

            @Override public double[] predict(UserTask task, Observations observed, int steps) {
                Map<String, Double> popularity = popularity(observed);
                return task.query().stream().mapToDouble(r -> score(r.item(), features, popularity)).toArray();
            }

            private synchronized Map<String, Double> popularity(Observations observed) {
                if (observed != lastObserved) {
                    lastPopularity = valuePopularity(observed, items, features);
                    lastObserved = observed;
                }
                return lastPopularity;
            }
        };
    }

    /** Interactions per "feature=value" with items having that value. */
    static Map<String, Double> valuePopularity(Observations observed, Map<String, Item> items, List<String> features) {
        Map<String, Double> pop = new HashMap<>();
        for (String id : observed.items()) {
            Item item = items.get(id);
            if (item == null) continue;
            for (String f : features) for (String v : item.attributes().get(f)) pop.merge(f + "=" + v, (double) observed.count(id), Double::sum);
        }
        return pop;
    }

    static double score(Item item, List<String> features, Map<String, Double> popularity) {
        double sum = 0;
        int n = 0;
        for (String f : features) for (String v : item.attributes().get(f)) { sum += popularity.getOrDefault(f + "=" + v, 0.0); n++; }
        return n == 0 ? 0 : sum / n;
    }
}
