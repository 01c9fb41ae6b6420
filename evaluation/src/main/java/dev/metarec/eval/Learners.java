package dev.metarec.eval;

import dev.metarec.eval.method.NetworkSettings;
import dev.metarec.eval.method.RatingMethod;

import java.util.List;

/** metarec's learners by command-line name (bound to dev.metarec.meta once the learners are on main). */
final class Learners {
    private Learners() {}

    static List<RatingMethod> methods(List<String> names, NetworkSettings settings) {
        return List.of();
    }
}
