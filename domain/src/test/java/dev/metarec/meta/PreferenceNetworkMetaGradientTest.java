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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
        assertEachClose(fd, exact, meta, learner + " on " + objective);
        if (learner == Learner.META_SGD) {
            ParamGroup rates = meta.layout().group(InnerRates.GROUP);
            for (int i = rates.offset(); i < rates.end(); i++) {
                String slot = net.fastLayout().slots().get(i - rates.offset()).group().name();
                if (cancels(objective, slot)) continue;
                assertTrue(Math.abs(exact[i]) > RATE_GRADIENT_FLOOR, "the rate of " + slot + " gets a gradient: " + exact[i]);
            }
        }
    }

    /** Under BPR the loss depends on score differences only: the output bias and the user bias, constant over a user's items, cancel, so they and their rates get no gradient. */
    private static boolean cancels(Objective objective, String group) {
        return objective == Objective.BPR && (group.equals("out.b") || group.equals("user.bias"));
    }

    /** Below this a learned rate's meta-gradient counts as vanished (measured entries are 1e-4 and larger). */
    private static final double RATE_GRADIENT_FLOOR = 1e-7;

    /**
     * Entry by entry: |fd - exact| <= 1e-5 * max(|fd|, |exact|) + 1e-9, so a small entry (a learned rate's
     * gradient, a rarely used embedding row) is checked on its own scale, not against the largest entry.
     * The absolute 1e-9 is the finite-difference noise at h = 1e-6 on losses of order 1.
     */
    private static void assertEachClose(double[] fd, double[] exact, Params meta, String what) {
        for (int i = 0; i < fd.length; i++) {
            double allowed = 1e-5 * Math.max(Math.abs(fd[i]), Math.abs(exact[i])) + 1e-9;
            if (!(Math.abs(fd[i] - exact[i]) <= allowed))
                fail(what + ": entry " + i + " (" + meta.layout().groupAt(i).name() + ") exact " + exact[i] + " vs finite differences " + fd[i]);
        }
    }

    /**
     * Each adapted group takes its step with its own learned rate: after one inner step, changing the rate
     * of one slot changes that slot's fast weights, by exactly -(change of rate) x (its support gradient),
     * and no other slot's.
     */
    @ParameterizedTest(name = "{1} decisionLayers={2}")
    @MethodSource("cases")
    void eachAdaptedGroup_stepsWithItsOwnLearnedRate(Learner learner, Objective objective, boolean decisionLayers, int steps) {
        PreferenceNetwork net = decisionLayers ? TestNetworks.decisionLayersAdapted(objective) : TestNetworks.mixedAdapted(objective);
        Params meta = withRates(TestNetworks.randomParams(net, 31), 0.2);
        Batch support = TestNetworks.randomBatch(objective, 5, 7);
        ParamGroup rates = meta.layout().group(InnerRates.GROUP);
        InnerLoop<Batch> oneStep = new InnerLoop<>(net, 1, 1.0);
        double[] base = oneStep.adapt(meta, support).fast();
        double[] grad = new double[base.length];
        net.lossAndGradient(meta, net.fastLayout().gather(meta), support, grad, null, 1.0);
        assertTrue(net.fastLayout().slots().size() >= 2, "the check needs two adapted groups");

        for (int s = 0; s < net.fastLayout().slots().size(); s++) {
            double delta = 0.05;
            double[] moved = oneStep.adapt(meta.with(rates.offset() + s, meta.get(rates.offset() + s) + delta), support).fast();
            var slot = net.fastLayout().slots().get(s);
            int changed = 0;
            for (int k = 0; k < base.length; k++) {
                boolean own = k >= slot.fastOffset() && k < slot.fastOffset() + slot.size();
                double expected = own ? -delta * grad[k] : 0.0;
                org.junit.jupiter.api.Assertions.assertEquals(expected, moved[k] - base[k], 1e-12 + 1e-9 * Math.abs(expected),
                        "rate of " + slot.group().name() + " moved fast weight " + k + " (" + net.fastLayout().slotAt(k).group().name() + ")");
                if (own && moved[k] != base[k]) changed++;
            }
            if (!cancels(objective, slot.group().name()))
                assertTrue(changed > 0, "the rate of " + slot.group().name() + " changes its own fast weights");
        }
    }

    /** Rates large enough that the second-order terms matter. */
    private static Params withRates(Params p, double rate) {
        ParamGroup g = p.layout().group(InnerRates.GROUP);
        for (int i = g.offset(); i < g.end(); i++) p = p.with(i, rate * (1 + 0.1 * (i - g.offset())));
        return p;
    }
}
