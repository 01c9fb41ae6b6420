package dev.metarec.eval;

import dev.metarec.eval.method.AttributePopularity;
import dev.metarec.eval.method.BiasModel;
import dev.metarec.eval.method.Ease;
import dev.metarec.eval.method.ItemKnn;
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

    /**
     * The few-shot ranking curve: the ranking baselines (popularity, recent popularity, attribute popularity, item-kNN,
     * EASE, random), then, unless {@code baselinesOnly}, today's rating models (item mean, bias model, pooled
     * network, every chosen learner; scores = predicted ratings, FM left out for cost) and the implicit
     * model, and what {@code /recommend} serves ({@link dev.metarec.eval.method.ServedMetaRec}). The constant floors (global mean, user support mean) are left out: they rank like random.
     */
    static List<RatingMethod> ranking(List<String> learners, NetworkSettings settings, boolean baselinesOnly, boolean servedOnly) {
        List<RatingMethod> m = new ArrayList<>(List.of(Floors.popularity(), Floors.recentPopularity(), new AttributePopularity(), ItemKnn.standard(), Ease.standard(),
                Floors.random()));
        if (baselinesOnly) return m;
        if (servedOnly) {
            m.add(dev.metarec.eval.method.ServedMetaRec.production());
            return m;
        }
        m.addAll(List.of(Floors.itemMean(), new BiasModel(), new PooledNetwork(settings)));
        m.addAll(Learners.methods(learners, settings));
        m.add(new dev.metarec.eval.method.ImplicitMetaRec(Learners.of(learners.isEmpty() ? "fomaml" : learners.get(0)), settings));
        m.add(dev.metarec.eval.method.ServedMetaRec.production());
        return m;
    }
}
