package dev.metarec.meta;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.Objective;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;
import dev.metarec.nn.TestNetworks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.metarec.meta.FiniteDifferences.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The second-order meta-gradient through the real network (tiny shape) against finite differences. */
class PreferenceNetworkMetaGradientTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Learner.MAML, Objective.SQUARED_ERROR, true, 2),
                Arguments.of(Learner.META_SGD, Objective.SQUARED_ERROR, true, 3),
                Arguments.of(Learner.META_SGD, Objective.LOGISTIC, false, 2),
                Arguments.of(Learner.MAML, Objective.BPR, false, 2),
                Arguments.of(Learner.META_SGD, Objective.BPR, true, 1));
    }

    @ParameterizedTest(name = "{0} {1} decisionLayers={2} k={3}")
    @MethodSource("cases")
    void metaGradient_matchesFiniteDifferencesOfThePostAdaptationQueryLoss(Learner learner, Objective objective, boolean decisionLayers, int steps) {
        PreferenceNetwork net = decisionLayers ? TestNetworks.decisionLayersAdapted(objective) : TestNetworks.mixedAdapted(objective);
        Params meta = withRates(TestNetworks.randomParams(net, 21), 0.2);
        Batch support = TestNetworks.randomBatch(objective, 5, 6);
        Batch query = new Batch(support.user(), TestNetworks.randomBatch(objective, 6, 5).examples());
        Task<Batch> task = new Task<>("u", support, query);

        Gradient g = new Gradient(meta.layout());
        new TaskGradient<>(net, learner, steps, 1.0).addTo(meta, task, g);
        double[] exact = g.toDenseArray();
        double[] fd = FiniteDifferences.gradient(p -> {
            AdaptResult r = new InnerLoop<>(net, steps, 1.0).adapt(p, support);
            return net.loss(p, r.fast(), query);
        }, meta, 1e-6);
        if (learner == Learner.MAML) {
            ParamGroup rates = meta.layout().group(InnerRates.GROUP);
            for (int i = rates.offset(); i < rates.end(); i++) {
                assertEquals(0.0, exact[i], 0.0, "MAML does not learn the rates");
                fd[i] = 0;
            }
        }
        assertClose(fd, exact, 1e-6, learner + " on " + objective);
    }

    /** Rates large enough that the second-order terms matter. */
    private static Params withRates(Params p, double rate) {
        ParamGroup g = p.layout().group(InnerRates.GROUP);
        for (int i = g.offset(); i < g.end(); i++) p = p.with(i, rate * (1 + 0.1 * (i - g.offset())));
        return p;
    }
}
