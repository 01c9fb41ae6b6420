package dev.metarec.service;

import dev.metarec.features.FeatureSpec;
import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the shape of a first model from the data: one feature per attribute present on at least 5%
 * of entities (NUMERIC when every value parses as a number, MULTI when some entity has several values,
 * else CATEGORICAL), at most 16 per side; squared error when most events are ratings, else logistic.
 */
final class ModelDesign {
    private static final int MAX_FEATURES = 16;

    private ModelDesign() {}

    static ModelConfig design(Iterable<Attributes> users, Iterable<Attributes> items, List<Event> events, MetaTrainSettings s) {
        return design(users, items, events.stream().filter(e -> e.type() == EventType.RATING).count(), events.size(), s);
    }

    /** As above, from the number of rating events among {@code events} (a trainer that never holds all events counts them). */
    static ModelConfig design(Iterable<Attributes> users, Iterable<Attributes> items, long ratings, long events, MetaTrainSettings s) {
        Objective objective = ratings * 2 >= events && ratings > 0 ? Objective.SQUARED_ERROR : Objective.LOGISTIC;
        List<FeatureSpec> userFeatures = features(users);
        List<FeatureSpec> itemFeatures = features(items);
        boolean itemIds = itemFeatures.isEmpty();
        return new ModelConfig(userFeatures, itemFeatures, s.embeddingDim(), s.hiddenWidths(), objective, adapted(s.hiddenWidths()), false, itemIds,
                s.innerLr(), s.supportShrinkage());
    }

    /**
     * The groups a designed model adapts per user: every layer after the first, the first layer's bias, and the user
     * bias. W0 stays meta-learned: the items' share of the first layer is then the same for every user, computed once
     * per checkpoint and item ({@link CatalogueIndex}) instead of on every request, and adapting W0's user rows would only
     * move the user's share, which b0 already does.
     */
    static List<String> adapted(List<Integer> hiddenWidths) {
        List<String> adapted = new ArrayList<>();
        if (!hiddenWidths.isEmpty()) adapted.add("mlp.0.b");
        for (int k = 1; k < hiddenWidths.size(); k++) { adapted.add("mlp." + k + ".W"); adapted.add("mlp." + k + ".b"); }
        adapted.addAll(List.of("out.W", "out.b", "user.bias"));
        return adapted;
    }

    private static List<FeatureSpec> features(Iterable<Attributes> entities) {
        Map<String, int[]> stats = new TreeMap<>();   // name -> {present, multi, nonNumeric}
        int n = 0;
        for (Attributes a : entities) {
            n++;
            for (Map.Entry<String, List<String>> e : a.values().entrySet()) {
                if (e.getValue().isEmpty()) continue;
                int[] st = stats.computeIfAbsent(e.getKey(), k -> new int[3]);
                st[0]++;
                if (e.getValue().size() > 1) st[1]++;
                for (String v : e.getValue()) if (!numeric(v)) { st[2]++; break; }
            }
        }
        List<FeatureSpec> out = new ArrayList<>();
        Map<String, Integer> order = new HashMap<>();
        for (Map.Entry<String, int[]> e : stats.entrySet()) {
            int[] st = e.getValue();
            if (st[0] * 20 < n || out.size() >= MAX_FEATURES) continue;
            FeatureSpec spec = st[1] > 0 ? FeatureSpec.multi(e.getKey())
                    : st[2] == 0 ? FeatureSpec.numeric(e.getKey(), 8) : FeatureSpec.categorical(e.getKey());
            order.put(e.getKey(), out.size());
            out.add(spec);
        }
        return out;
    }

    private static boolean numeric(String v) {
        try {
            return Double.isFinite(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
