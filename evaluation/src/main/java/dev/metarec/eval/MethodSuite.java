package dev.metarec.eval;

import dev.metarec.eval.method.BiasModel;
import dev.metarec.eval.method.Floors;
import dev.metarec.eval.method.NetworkSettings;
import dev.metarec.eval.method.PooledNetwork;
import dev.metarec.eval.method.RatingMethod;
import dev.metarec.eval.method.TribuoFm;

import java.util.ArrayList;
import java.util.List;

/** The methods every rating protocol runs: floors, baselines and metarec with each chosen learner. */
final class MethodSuite {
    private MethodSuite() {}

    static List<RatingMethod> rating(List<String> learners, NetworkSettings settings, boolean includeFm) {
        List<RatingMethod> m = new ArrayList<>(List.of(Floors.globalMean(), Floors.itemMean(), Floors.userSupportMean(), new BiasModel(),
                Floors.popularity(), Floors.random(), new PooledNetwork(settings)));
        if (includeFm) m.add(new TribuoFm(8));
        m.addAll(Learners.methods(learners, settings));
        return m;
    }

    /** Full-candidate ranking: the rating methods (scores = predicted ratings, FM left out for cost) plus the implicit model. */
    static List<RatingMethod> ranking(List<String> learners, NetworkSettings settings) {
        List<RatingMethod> m = new ArrayList<>(rating(learners, settings, false));
        m.add(new dev.metarec.eval.method.ImplicitMetaRec(Learners.of(learners.isEmpty() ? "fomaml" : learners.get(0)), settings));
        return m;
    }
}
