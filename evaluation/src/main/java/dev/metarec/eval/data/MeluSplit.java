package dev.metarec.eval.data;

import java.util.List;
import java.util.Map;

/**
 * MeLU's published split (Lee et al., "MeLU: Meta-Learned User Preference Estimator for Cold-Start
 * Recommendation", KDD 2019): for each state file, user id to that user's (item, rating) list in file order.
 * Scenario names are the file stems: warm_state, user_cold_state, item_cold_state, user_and_item_cold_state.
 */
public record MeluSplit(Map<String, Map<String, List<Rated>>> states) {

    public static final List<String> STATES = List.of("warm_state", "user_cold_state", "item_cold_state", "user_and_item_cold_state");

    /** One (item, rating) pair of a state file. */
    public record Rated(String itemId, double rating) {}

    public MeluSplit {
        states = Map.copyOf(states);
    }

    public Map<String, List<Rated>> state(String name) {
        Map<String, List<Rated>> s = states.get(name);
        if (s == null) throw new IllegalArgumentException("MeLU split has no state " + name + "; it has " + states.keySet());
        return s;
    }
}
