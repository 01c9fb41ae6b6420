package dev.metarec.meta;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static dev.metarec.meta.FiniteDifferences.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskGradientTest {
    private final SplittableRandom random = new SplittableRandom(3);

    private Task<RegressionBatch> task(int dim) {
        double[] w = new double[dim];
        for (int i = 0; i < dim; i++) w[i] = random.nextGaussian();
        return new Task<>("u", RegressionBatch.random(random, 7, w, 0.3), RegressionBatch.random(random, 6, w, 0.3));
    }

    /** The post-adaptation query loss as a function of all meta-parameters (rates included). */
    private static double postAdaptationLoss(TaskModel<RegressionBatch> model, int steps, double rate, Params meta, Task<RegressionBatch> task) {
        AdaptResult r = new InnerLoop<>(model, steps, rate).adapt(meta, task.support());
        return model.loss(meta, r.fast(), task.query());
    }

    private static double[] metaGradient(TaskModel<RegressionBatch> model, Learner learner, int steps, double rate, Params meta, Task<RegressionBatch> task) {
        Gradient g = new Gradient(meta.layout());
        new TaskGradient<>(model, learner, steps, rate).addTo(meta, task, g);
        return g.toDenseArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void maml_onTanhModel_matchesFiniteDifferencesOfThePostAdaptationLoss(int steps) {
        TanhTaskModel model = new TanhTaskModel(3, 2, 3, false);
        Params meta = model.init(random, 0.3);
        Task<RegressionBatch> task = task(3);

        double[] exact = metaGradient(model, Learner.MAML, steps, 0.3, meta, task);
        double[] fd = FiniteDifferences.gradient(p -> postAdaptationLoss(model, steps, 0.3, p, task), meta, 1e-5);

        assertClose(fd, exact, 1e-6, "MAML meta-gradient, " + steps + " steps");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void metaSgd_onTanhModel_matchesFiniteDifferencesIncludingTheLearnedRates(int steps) {
        TanhTaskModel model = new TanhTaskModel(3, 2, 3, true);
        Params meta = model.init(random, 0.3);
        Task<RegressionBatch> task = task(3);

        double[] exact = metaGradient(model, Learner.META_SGD, steps, 1.0, meta, task);
        double[] fd = FiniteDifferences.gradient(p -> postAdaptationLoss(model, steps, 1.0, p, task), meta, 1e-6);

        assertClose(fd, exact, 1e-6, "Meta-SGD meta-gradient, " + steps + " steps");
        ParamGroup rates = meta.layout().group(InnerRates.GROUP);
        for (int i = rates.offset(); i < rates.end(); i++) assertTrue(Math.abs(exact[i]) > 1e-6, "rate gradient must not vanish: " + exact[i]);
    }

    @Test
    void maml_withRatesFromParameters_leavesTheRatesAloneButUsesThem() {
        TanhTaskModel model = new TanhTaskModel(3, 2, 3, true);
        Params meta = model.init(random, 0.3);
        Task<RegressionBatch> task = task(3);

        double[] exact = metaGradient(model, Learner.MAML, 2, 1.0, meta, task);
        double[] fd = FiniteDifferences.gradient(p -> postAdaptationLoss(model, 2, 1.0, p, task), meta, 1e-5);
        ParamGroup rates = meta.layout().group(InnerRates.GROUP);
        for (int i = rates.offset(); i < rates.end(); i++) {
            assertEquals(0.0, exact[i], 0.0);
            fd[i] = 0;
        }
        assertClose(fd, exact, 1e-6, "MAML meta-gradient with per-group rates");
    }

    @Test
    void maml_onLinearModel_matchesTheClosedForm() {
        // One step: theta_1 = theta_0 - a * g_S(theta_0); d L_Q / d theta_0 = (I - a H_S) g_Q(theta_1).
        LinearTaskModel model = new LinearTaskModel(3, false);
        Params meta = new Params(model.fastLayout().layout(), new double[]{0.2, -0.1, 0.4});
        Task<RegressionBatch> task = task(3);
        double a = 0.1;
        double[] theta1 = new InnerLoop<>(model, 1, a).adapt(meta, task.support()).fast();
        double[] gq = new double[3], hg = new double[3];
        model.lossAndGradient(meta, theta1, task.query(), gq, null, 0);
        model.hessianVectorProduct(meta, meta.toArray(), task.support(), gq, hg, null, 0);
        double[] expected = {gq[0] - a * hg[0], gq[1] - a * hg[1], gq[2] - a * hg[2]};
        assertArrayEquals(expected, metaGradient(model, Learner.MAML, 1, a, meta, task), 1e-14);
    }

    @Test
    void firstOrderMaml_isTheQueryGradientAtTheAdaptedWeights() {
        TanhTaskModel model = new TanhTaskModel(3, 2, 3, false);
        Params meta = model.init(random, 0.3);
        Task<RegressionBatch> task = task(3);
        double[] adapted = new InnerLoop<>(model, 3, 0.3).adapt(meta, task.support()).fast();
        double[] gFast = new double[adapted.length];
        Gradient expected = new Gradient(meta.layout());
        model.lossAndGradient(meta, adapted, task.query(), gFast, expected, 1.0);
        model.fastLayout().scatterAdd(gFast, 1.0, expected);

        double[] fo = metaGradient(model, Learner.FIRST_ORDER_MAML, 3, 0.3, meta, task);

        assertArrayEquals(expected.toDenseArray(), fo, 1e-15);
        double[] so = metaGradient(model, Learner.MAML, 3, 0.3, meta, task);
        assertTrue(maxAbsDiff(fo, so) > 1e-4, "first-order must differ from second-order on a nonlinear model");
    }

    @Test
    void reptile_movesTheFastGroupsTowardsTheAdaptedWeights_andSlowGroupsByTheQueryGradient() {
        TanhTaskModel model = new TanhTaskModel(3, 2, 3, false);
        Params meta = model.init(random, 0.3);
        Task<RegressionBatch> task = task(3);
        int k = 4;
        double a = 0.3;
        double[] theta0 = model.fastLayout().gather(meta);
        double[] thetaK = new InnerLoop<>(model, k, a).adapt(meta, task.support()).fast();
        double[] gFast = new double[theta0.length];
        Gradient expected = new Gradient(meta.layout());
        model.lossAndGradient(meta, thetaK, task.query(), gFast, expected, 1.0);
        double[] move = new double[theta0.length];
        for (int i = 0; i < move.length; i++) move[i] = (theta0[i] - thetaK[i]) / (k * a);
        model.fastLayout().scatterAdd(move, 1.0, expected);

        assertArrayEquals(expected.toDenseArray(), metaGradient(model, Learner.REPTILE, k, a, meta, task), 1e-13);
    }

    @Test
    void reptile_withOneStep_isTheSupportGradientAtTheInitialWeights() {
        LinearTaskModel model = new LinearTaskModel(3, false);
        Params meta = new Params(model.fastLayout().layout(), new double[]{0.2, -0.1, 0.4});
        Task<RegressionBatch> task = task(3);
        double[] g = new double[3];
        model.lossAndGradient(meta, meta.toArray(), task.support(), g, null, 0);
        assertArrayEquals(g, metaGradient(model, Learner.REPTILE, 1, 0.05, meta, task), 1e-12);
    }

    @Test
    void maml_shouldThrowNamingTheBackwardStepAndGroup_whenAHessianVectorProductTurnsInfinite() {
        TanhTaskModel tanh = new TanhTaskModel(3, 2, 3, false);
        TaskModel<RegressionBatch> badHessian = new TaskModel<>() {
            @Override public dev.metarec.nn.FastLayout fastLayout() { return tanh.fastLayout(); }
            @Override public double loss(Params m, double[] f, RegressionBatch b) { return tanh.loss(m, f, b); }
            @Override public double lossAndGradient(Params m, double[] f, RegressionBatch b, double[] gf, Gradient gs, double s) {
                return tanh.lossAndGradient(m, f, b, gf, gs, s);
            }
            @Override public void hessianVectorProduct(Params m, double[] f, RegressionBatch b, double[] v, double[] hv, Gradient gs, double s) {
                tanh.hessianVectorProduct(m, f, b, v, hv, gs, s);
                hv[tanh.fastLayout().slot("c").fastOffset()] = Double.NEGATIVE_INFINITY;
            }
        };
        Params meta = tanh.init(random, 0.3);
        var e = assertThrows(dev.metarec.nn.NonFiniteException.class,
                () -> new TaskGradient<>(badHessian, Learner.MAML, 3, 0.1).addTo(meta, task(3), new Gradient(meta.layout())));
        assertEquals("meta-gradient through inner step 2 of 3", e.where());
        assertEquals("c", e.group());
    }

    @Test
    void metaSgd_withoutARateGroup_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaskGradient<>(new TanhTaskModel(3, 2, 3, false), Learner.META_SGD, 1, 0.1));
        assertTrue(e.getMessage().contains(InnerRates.GROUP), e.getMessage());
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
