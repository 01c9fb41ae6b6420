package dev.metarec.meta;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.Params;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InnerLoopTest {
    private final SplittableRandom random = new SplittableRandom(11);

    @Test
    void adapt_onLinearModel_reachesTheWeightedLeastSquaresSolution() {
        LinearTaskModel model = new LinearTaskModel(4, false);
        RegressionBatch batch = RegressionBatch.random(random, 30, new double[]{1.5, -0.5, 2, 0.25}, 0.5);
        Params meta = new Params(model.fastLayout().layout(), new double[4]);

        AdaptResult r = new InnerLoop<>(model, 3000, 0.05).adapt(meta, batch);

        assertArrayEquals(normalEquations(batch), r.fast(), 1e-9);
        assertEquals(3000, r.steps());
        assertTrue(r.lossAfter() < r.lossBefore(), "loss must fall: " + r);
        assertEquals(model.loss(meta, new double[4], batch), r.lossBefore(), 0.0);
    }

    @Test
    void adapt_startsFromGivenFastWeights_andLeavesThemAndTheMetaParametersAlone() {
        LinearTaskModel model = new LinearTaskModel(2, false);
        RegressionBatch batch = RegressionBatch.random(random, 5, new double[]{1, 2}, 0.1);
        Params meta = new Params(model.fastLayout().layout(), new double[]{0, 0});
        double[] start = {3, -3};

        AdaptResult r = new InnerLoop<>(model, 1, 0.1).adapt(meta, start, batch);

        double[] g = new double[2];
        model.lossAndGradient(meta, start, batch, g, null, 0);
        assertArrayEquals(new double[]{3 - 0.1 * g[0], -3 - 0.1 * g[1]}, r.fast(), 1e-15);
        assertArrayEquals(new double[]{3, -3}, start, 0.0);
        assertEquals(new Params(meta.layout(), new double[]{0, 0}), meta);
    }

    @Test
    void adapt_usesTheLearnedRateGroup_whenTheLayoutHasOne() {
        LinearTaskModel model = new LinearTaskModel(2, true);
        RegressionBatch batch = RegressionBatch.random(random, 5, new double[]{1, 2}, 0.1);
        Params meta = new Params(model.fastLayout().layout(), new double[]{0, 0, 0.2});

        AdaptResult r = new InnerLoop<>(model, 1, 1e-9).adapt(meta, batch);

        double[] g = new double[2];
        model.lossAndGradient(meta, new double[2], batch, g, null, 0);
        assertArrayEquals(new double[]{-0.2 * g[0], -0.2 * g[1]}, r.fast(), 1e-15);
    }

    @Test
    void adapt_withZeroSteps_returnsTheStartAndItsLoss() {
        LinearTaskModel model = new LinearTaskModel(2, false);
        RegressionBatch batch = RegressionBatch.random(random, 5, new double[]{1, 2}, 0.1);
        Params meta = new Params(model.fastLayout().layout(), new double[]{0.5, 0.5});
        AdaptResult r = new InnerLoop<>(model, 0, 0.1).adapt(meta, batch);
        assertArrayEquals(new double[]{0.5, 0.5}, r.fast(), 0.0);
        assertEquals(r.lossBefore(), r.lossAfter(), 0.0);
    }

    @Test
    void adapt_shouldThrowNamingStepAndGroup_whenAGradientTurnsNaN() {
        TanhTaskModel tanh = new TanhTaskModel(3, 2, 3, false);
        Params meta = tanh.init(random, 0.1);
        RegressionBatch batch = RegressionBatch.random(random, 5, new double[]{1, 2, 3}, 0.1);
        TaskModel<RegressionBatch> poisoned = new PoisonedModel(tanh, 2, "b", false);

        NonFiniteException e = assertThrows(NonFiniteException.class, () -> new InnerLoop<>(poisoned, 5, 0.1).adapt(meta, batch));

        assertEquals("inner step 2 of 5", e.where());
        assertEquals("gradient of b", e.group());
        assertTrue(e.getMessage().contains("inner step 2") && e.getMessage().contains("b"), e.getMessage());
    }

    @Test
    void adapt_shouldThrowNamingTheLoss_whenTheLossTurnsInfinite() {
        TanhTaskModel tanh = new TanhTaskModel(3, 2, 3, false);
        Params meta = tanh.init(random, 0.1);
        RegressionBatch batch = RegressionBatch.random(random, 5, new double[]{1, 2, 3}, 0.1);
        NonFiniteException e = assertThrows(NonFiniteException.class,
                () -> new InnerLoop<>(new PoisonedModel(tanh, 1, null, true), 3, 0.1).adapt(meta, batch));
        assertEquals("inner step 1 of 3", e.where());
        assertEquals("loss", e.group());
    }

    @Test
    void adapt_shouldThrow_whenStartingWeightsAreNotFinite_orRatesAreNotPositive() {
        LinearTaskModel model = new LinearTaskModel(2, true);
        RegressionBatch batch = RegressionBatch.random(random, 5, new double[]{1, 2}, 0.1);
        Params meta = new Params(model.fastLayout().layout(), new double[]{0, 0, 0.1});
        InnerLoop<RegressionBatch> loop = new InnerLoop<>(model, 2, 0.1);
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> loop.adapt(meta, new double[]{0, Double.NaN}, batch));
        assertEquals("w", e.group());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> loop.adapt(new Params(meta.layout(), new double[]{0, 0, -0.1}), batch));
        assertTrue(neg.getMessage().contains("w") && neg.getMessage().contains("-0.1"), neg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loop.adapt(meta, new double[3], batch));
        assertThrows(IllegalArgumentException.class, () -> new InnerLoop<>(model, -1, 0.1));
    }

    /** Solves (X^T Omega X) w = X^T Omega y by Gaussian elimination. */
    static double[] normalEquations(RegressionBatch b) {
        int d = b.x()[0].length;
        double[][] a = new double[d][d + 1];
        for (int i = 0; i < b.size(); i++) {
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) a[r][c] += b.weight()[i] * b.x()[i][r] * b.x()[i][c];
                a[r][d] += b.weight()[i] * b.x()[i][r] * b.y()[i];
            }
        }
        for (int p = 0; p < d; p++) {
            for (int r = p + 1; r < d; r++) {
                double f = a[r][p] / a[p][p];
                for (int c = p; c <= d; c++) a[r][c] -= f * a[p][c];
            }
        }
        double[] w = new double[d];
        for (int r = d - 1; r >= 0; r--) {
            double s = a[r][d];
            for (int c = r + 1; c < d; c++) s -= a[r][c] * w[c];
            w[r] = s / a[r][r];
        }
        return w;
    }

    /** Delegates, but from its {@code call}-th gradient call on returns NaN in one group or an infinite loss. */
    static final class PoisonedModel implements TaskModel<RegressionBatch> {
        private final TaskModel<RegressionBatch> inner;
        private final int call;
        private final String group;
        private final boolean infiniteLoss;
        private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        PoisonedModel(TaskModel<RegressionBatch> inner, int call, String group, boolean infiniteLoss) {
            this.inner = inner;
            this.call = call;
            this.group = group;
            this.infiniteLoss = infiniteLoss;
        }

        @Override public dev.metarec.nn.FastLayout fastLayout() { return inner.fastLayout(); }

        @Override public double loss(Params meta, double[] fast, RegressionBatch batch) { return inner.loss(meta, fast, batch); }

        @Override public double lossAndGradient(Params meta, double[] fast, RegressionBatch batch, double[] gradFast, Gradient gradSlow, double slowScale) {
            double loss = inner.lossAndGradient(meta, fast, batch, gradFast, gradSlow, slowScale);
            if (calls.getAndIncrement() < call) return loss;
            if (infiniteLoss) return Double.POSITIVE_INFINITY;
            gradFast[fastLayout().slot(group).fastOffset()] = Double.NaN;
            return loss;
        }

        @Override public void hessianVectorProduct(Params meta, double[] fast, RegressionBatch batch, double[] v, double[] hvFast, Gradient gradSlow, double slowScale) {
            inner.hessianVectorProduct(meta, fast, batch, v, hvFast, gradSlow, slowScale);
        }
    }
}
