package dev.metarec.meta;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.Params;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.metarec.meta.FiniteDifferences.assertClose;

/** The test models' own derivatives are right, so the learner tests built on them mean something. */
class TestModelsTest {
    private final TanhTaskModel model = new TanhTaskModel(3, 2, 3, false);
    private final SplittableRandom random = new SplittableRandom(7);
    private final Params meta = model.init(random, 0.1);
    private final RegressionBatch batch = RegressionBatch.random(random, 6, new double[]{1, -2, 0.5}, 0.3);
    private final double[] fast = randomFast();

    private double[] randomFast() {
        double[] f = model.fastLayout().gather(meta);
        for (int i = 0; i < f.length; i++) f[i] += 0.3 * random.nextGaussian();
        return f;
    }

    @Test
    void tanhModel_gradient_matchesCentralDifferences() {
        double[] gFast = new double[fast.length];
        Gradient gSlow = new Gradient(meta.layout());
        model.lossAndGradient(meta, fast, batch, gFast, gSlow, 1.0);
        assertClose(FiniteDifferences.gradient(f -> model.loss(meta, f, batch), fast, 1e-5), gFast, 1e-7, "fast gradient");
        double[] fdSlow = FiniteDifferences.gradient(p -> model.loss(p, fast, batch), meta, 1e-5);
        for (String fastGroup : model.fastLayout().names()) {
            var g = meta.layout().group(fastGroup);
            for (int i = g.offset(); i < g.end(); i++) fdSlow[i] = 0; // the model never reads these
        }
        assertClose(fdSlow, gSlow.toDenseArray(), 1e-7, "slow gradient");
    }

    @Test
    void tanhModel_hessianVectorProduct_matchesDifferencesOfTheGradient() {
        double[] v = new double[fast.length];
        for (int i = 0; i < v.length; i++) v[i] = random.nextGaussian();
        double[] hv = new double[fast.length];
        Gradient mixed = new Gradient(meta.layout());
        model.hessianVectorProduct(meta, fast, batch, v, hv, mixed, 1.0);

        double eps = 1e-5;
        double[] plus = fast.clone(), minus = fast.clone();
        for (int i = 0; i < v.length; i++) { plus[i] += eps * v[i]; minus[i] -= eps * v[i]; }
        double[] gp = new double[fast.length], gm = new double[fast.length];
        Gradient sp = new Gradient(meta.layout()), sm = new Gradient(meta.layout());
        model.lossAndGradient(meta, plus, batch, gp, sp, 1.0);
        model.lossAndGradient(meta, minus, batch, gm, sm, 1.0);
        double[] fdFast = new double[fast.length], fdSlow = new double[meta.size()];
        for (int i = 0; i < fdFast.length; i++) fdFast[i] = (gp[i] - gm[i]) / (2 * eps);
        for (int i = 0; i < fdSlow.length; i++) fdSlow[i] = (sp.get(i) - sm.get(i)) / (2 * eps);
        assertClose(fdFast, hv, 1e-7, "Hessian-vector product (fast block)");
        assertClose(fdSlow, mixed.toDenseArray(), 1e-7, "Hessian-vector product (mixed block)");
    }
}
