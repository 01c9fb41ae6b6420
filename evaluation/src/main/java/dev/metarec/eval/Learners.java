package dev.metarec.eval;

import dev.metarec.eval.method.MetaRecMethod;
import dev.metarec.eval.method.NetworkSettings;
import dev.metarec.eval.method.RatingMethod;
import dev.metarec.meta.Learner;

import java.util.List;

/** metarec's learners by command-line name: maml (second order), fomaml, reptile, metasgd. */
final class Learners {
    private Learners() {}

    static Learner of(String name) {
        return switch (name) {
            case "maml" -> Learner.MAML;
            case "fomaml" -> Learner.FIRST_ORDER_MAML;
            case "reptile" -> Learner.REPTILE;
            case "metasgd" -> Learner.META_SGD;
            default -> throw new IllegalArgumentException("learner must be one of " + EvaluateOptions.LEARNERS + ", was '" + name + "'");
        };
    }

    static List<RatingMethod> methods(List<String> names, NetworkSettings settings) {
        return names.stream().map(n -> (RatingMethod) new MetaRecMethod(of(n), settings)).toList();
    }
}
