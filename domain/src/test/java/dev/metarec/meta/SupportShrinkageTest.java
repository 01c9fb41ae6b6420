package dev.metarec.meta;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;
import dev.metarec.nn.TestNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static dev.metarec.meta.FiniteDifferences.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Support-size-aware inner steps: the inner loss sum(w l) / (sum(w) + tau) (ModelConfig#supportShrinkage). */
class SupportShrinkageTest {

    private static PreferenceNetwork net(double tau) {
        ModelConfig c = TestNetworks.config(Objective.SQUARED_ERROR, List.of(8, 5), ModelConfig.MELU_ADAPTED).withSupportShrinkage(tau);
        return new PreferenceNetwork(c, TestNetworks.USER_ROWS, TestNetworks.ITEM_ROWS, TestNetworks.USER_IDS, TestNetworks.ITEM_IDS);
    }

    private static Batch unitWeights(Batch b) {
        return new Batch(b.user(), b.examples().stream().map(e -> new Example(e.item(), e.target(), 1.0, e.offset(), e.negative())).toList());
    }

    private static Params scaledRates(Params p, double factor) {
        ParamGroup g = p.layout().group(InnerRates.GROUP);
        for (int i = g.offset(); i < g.end(); i++) p = p.with(i, p.get(i) * factor);
        return p;
    }

    /** Positive rates, different per group (random parameters may have drawn negative ones). */
    private static Params withRates(Params p, double rate) {
        ParamGroup g = p.layout().group(InnerRates.GROUP);
        for (int i = g.offset(); i < g.end(); i++) p = p.with(i, rate * (1 + 0.1 * (i - g.offset())));
        return p;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }

    @Test
    void stepScale_isNOverNPlusTau_andOneWithoutShrinkage() {
        ModelConfig c = TestNetworks.config(Objective.SQUARED_ERROR, List.of(4), ModelConfig.MELU_ADAPTED);
        assertEquals(0.0, c.supportShrinkage());
        assertEquals(1.0, c.innerStepScale(1));
        assertEquals(1.0, c.innerStepScale(0));
        ModelConfig s = c.withSupportShrinkage(4);
        assertEquals(0.2, s.innerStepScale(1), 1e-15);
        assertEquals(5.0 / 9.0, s.innerStepScale(5), 1e-15);
        assertEquals(0.0, s.innerStepScale(0));
        assertEquals(c.withSupportShrinkage(0), c, "tau = 0 is the configuration without shrinkage");
    }

    @Test
    void negativeOrNonFiniteTau_isRejectedNamingTheField() {
        ModelConfig c = TestNetworks.config(Objective.SQUARED_ERROR, List.of(4), ModelConfig.MELU_ADAPTED);
        for (double bad : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> c.withSupportShrinkage(bad));
            assertTrue(e.getMessage().contains("supportShrinkage"), e.getMessage());
        }
    }

    @Test
    void tauZero_adaptsExactlyAsTheMeanLoss() {
        Params meta = withRates(TestNetworks.randomParams(net(0), 3), 0.1);
        Batch support = TestNetworks.randomBatch(Objective.SQUARED_ERROR, 4, 6);
        double[] plain = new InnerLoop<>(TestNetworks.decisionLayersAdapted(Objective.SQUARED_ERROR), 3, 0.1).adapt(meta, support).fast();
        double[] tau0 = new InnerLoop<>(net(0), 3, 0.1).adapt(meta, support).fast();
        assertArrayEquals(plain, tau0, 0.0);
    }

    @Test
    void shrinkage_equalsTheMeanLossWithRatesScaledByNOverNPlusTau() {
        double tau = 3.0;
        Params meta = withRates(TestNetworks.randomParams(net(0), 5), 0.1);
        Batch support = TestNetworks.randomBatch(Objective.SQUARED_ERROR, 8, 4);
        double n = support.examples().size();   // events, not their (random) weights
        double[] shrunk = new InnerLoop<>(net(tau), 4, 0.1).adapt(meta, support).fast();
        double[] reference = new InnerLoop<>(net(0), 4, 0.1).adapt(scaledRates(meta, n / (n + tau)), support).fast();
        assertArrayEquals(reference, shrunk, 1e-15);
    }

    @Test
    void oneEventSupport_movesTheWeightsLessThanTheMeanLoss_aLongHistoryAlmostAsMuch() {
        Params meta = withRates(TestNetworks.randomParams(net(0), 9), 0.1);
        Batch longSupport = unitWeights(TestNetworks.randomBatch(Objective.SQUARED_ERROR, 11, 200));
        Batch single = new Batch(longSupport.user(), longSupport.examples().subList(0, 1));
        double[] start = net(0).fastLayout().gather(meta);
        double moveMeanSingle = distance(start, new InnerLoop<>(net(0), 1, 0.1).adapt(meta, single).fast());
        double moveShrunkSingle = distance(start, new InnerLoop<>(net(5), 1, 0.1).adapt(meta, single).fast());
        assertTrue(moveMeanSingle > 0);
        assertEquals(1.0 / 6.0, moveShrunkSingle / moveMeanSingle, 1e-9, "one step on one event moves 1/(1+tau) as far");
        double moveMeanLong = distance(start, new InnerLoop<>(net(0), 1, 0.1).adapt(meta, longSupport).fast());
        double moveShrunkLong = distance(start, new InnerLoop<>(net(5), 1, 0.1).adapt(meta, longSupport).fast());
        assertEquals(200.0 / 205.0, moveShrunkLong / moveMeanLong, 1e-9);
    }

    @ParameterizedTest
    @EnumSource(value = Learner.class, names = {"MAML", "META_SGD"})
    void metaGradientWithShrinkage_matchesFiniteDifferences(Learner learner) {
        PreferenceNetwork net = net(2.5);
        Params meta = withRates(TestNetworks.randomParams(net, 21), 0.5);
        Batch support = TestNetworks.randomBatch(Objective.SQUARED_ERROR, 5, 3);
        Batch query = new Batch(support.user(), TestNetworks.randomBatch(Objective.SQUARED_ERROR, 6, 5).examples());
        Task<Batch> task = new Task<>("u", support, query);
        int steps = 2;
        Gradient g = new Gradient(meta.layout());
        new TaskGradient<>(net, learner, steps, 1.0).addTo(meta, task, g);
        double[] exact = g.toDenseArray();
        double[] fd = FiniteDifferences.gradient(p -> net.loss(p, new InnerLoop<>(net, steps, 1.0).adapt(p, support).fast(), query), meta, 1e-6);
        if (learner == Learner.MAML) {
            ParamGroup rates = meta.layout().group(InnerRates.GROUP);
            for (int i = rates.offset(); i < rates.end(); i++) fd[i] = 0;
        }
        assertClose(fd, exact, 1e-6, learner + " with tau 2.5");
    }

    @Test
    void recencyWeights_doNotShrinkAnEstablishedUsersStep_onlyTheNumberOfEventsDoes() {
        Batch raw = TestNetworks.randomBatch(Objective.SQUARED_ERROR, 21, 50);
        List<Example> decayed = new java.util.ArrayList<>();   // serving's recency weights: half-life 4 events, total weight ~6
        for (int i = 0; i < raw.examples().size(); i++) {
            Example e = raw.examples().get(i);
            decayed.add(new Example(e.item(), e.target(), Math.pow(0.5, i / 4.0), e.offset(), e.negative()));
        }
        Batch recent = new Batch(raw.user(), decayed);
        assertTrue(recent.totalWeight() < 7);
        assertEquals(50.0 / 55.0, net(5).innerStepScale(recent), 1e-15);
        assertEquals(1.0 / 6.0, net(5).innerStepScale(new Batch(raw.user(), decayed.subList(0, 1))), 1e-15, "a newcomer's single event");
    }

    @Test
    void reptileWithShrinkage_pullsLessOnASmallSupport() {
        Params meta = withRates(TestNetworks.randomParams(net(0), 13), 0.1);
        Batch support = unitWeights(TestNetworks.randomBatch(Objective.SQUARED_ERROR, 14, 2));
        Task<Batch> task = new Task<>("u", support, support);
        Gradient plain = new Gradient(meta.layout()), shrunk = new Gradient(meta.layout());
        new TaskGradient<>(net(0), Learner.REPTILE, 1, 1.0).addTo(meta, task, plain);
        new TaskGradient<>(net(2), Learner.REPTILE, 1, 1.0).addTo(meta, task, shrunk);
        double[] a = plain.toDenseArray(), b = shrunk.toDenseArray();
        for (int i : net(0).fastLayout().slots().stream().mapToInt(s -> s.group().offset()).toArray())
            assertEquals(0.5 * a[i], b[i], 1e-12, "one step on 2 events with tau 2: the support gradient at half weight");
    }
}
