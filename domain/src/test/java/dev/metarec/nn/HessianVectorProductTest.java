package dev.metarec.nn;

import dev.metarec.meta.Batch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static dev.metarec.nn.FiniteDifferences.EPS;
import static dev.metarec.nn.FiniteDifferences.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The R-operator Hessian-vector product against central differences of the gradient along v:
 * (g(fast + eps v) - g(fast - eps v)) / (2 eps), for the fast block and for the mixed slow block
 * (embedding rows, user offset, non-adapted layers).
 */
class HessianVectorProductTest {

    static Stream<Arguments> networks() { return PreferenceNetworkGradientTest.networks(); }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("networks")
    void hvp_matchesDifferencesOfTheGradient(String name, PreferenceNetwork net, Objective objective) {
        Params meta = TestNetworks.randomParams(net, 21);
        double[] fast = PreferenceNetworkGradientTest.perturbedFast(net, meta);
        Batch batch = TestNetworks.randomBatch(objective, 8, 6);
        double[] v = new double[fast.length];
        Random r = new Random(3);
        for (int k = 0; k < v.length; k++) v[k] = r.nextGaussian();

        double[] hv = new double[fast.length];
        Gradient mixed = new Gradient(net.layout());
        double slowScale = 2.0;
        net.hessianVectorProduct(meta, fast, batch, v, hv, mixed, slowScale);

        double[] gPlus = new double[fast.length], gMinus = new double[fast.length];
        Gradient sPlus = new Gradient(net.layout()), sMinus = new Gradient(net.layout());
        net.lossAndGradient(meta, step(fast, v, EPS), batch, gPlus, sPlus, 1.0);
        net.lossAndGradient(meta, step(fast, v, -EPS), batch, gMinus, sMinus, 1.0);

        double norm = 0;
        for (int k = 0; k < fast.length; k++) {
            double numeric = (gPlus[k] - gMinus[k]) / (2 * EPS);
            assertClose(hv[k], numeric, 1e-6, 1e-3, "(H v)[" + k + "] (" + net.fastLayout().slotAt(k).group().name() + ")");
            norm += hv[k] * hv[k];
        }
        assertTrue(norm > 1e-6, "the Hessian-vector product is not trivially zero");

        int mixedNonZero = 0;
        for (int i = 0; i < meta.size(); i++) {
            double numeric = slowScale * (sPlus.get(i) - sMinus.get(i)) / (2 * EPS);
            String group = net.layout().groupAt(i).name();
            assertClose(mixed.get(i), numeric, 1e-6, 1e-3, "mixed (d2L/dslow dfast v)[" + i + "] (" + group + ")");
            if (mixed.get(i) != 0) mixedNonZero++;
            if (net.fastLayout().adapts(group)) assertEquals(0.0, mixed.get(i), 0.0, group + " adapts, so it has no slow entry");
        }
        assertTrue(mixedNonZero > 10, "the mixed block reaches slow parameters: " + mixedNonZero);
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("networks")
    void hvp_isLinearInV_andSymmetric(String name, PreferenceNetwork net, Objective objective) {
        Params meta = TestNetworks.randomParams(net, 22);
        double[] fast = PreferenceNetworkGradientTest.perturbedFast(net, meta);
        Batch batch = TestNetworks.randomBatch(objective, 9, 5);
        Random r = new Random(4);
        double[] a = new double[fast.length], b = new double[fast.length];
        for (int k = 0; k < a.length; k++) { a[k] = r.nextGaussian(); b[k] = r.nextGaussian(); }
        double[] ha = new double[fast.length], hb = new double[fast.length];
        net.hessianVectorProduct(meta, fast, batch, a, ha, null, 0);
        net.hessianVectorProduct(meta, fast, batch, b, hb, null, 0);
        // b' H a == a' H b: the fast block of the Hessian is symmetric.
        double bha = 0, ahb = 0;
        for (int k = 0; k < a.length; k++) { bha += b[k] * ha[k]; ahb += a[k] * hb[k]; }
        assertClose(bha, ahb, 1e-10, 1e-8, "b'Ha vs a'Hb");

        // H (alpha a + beta b) == alpha H a + beta H b, entry by entry (and for the mixed slow block)
        double alpha = 2.5, beta = -0.75;
        double[] combo = new double[a.length];
        for (int k = 0; k < a.length; k++) combo[k] = alpha * a[k] + beta * b[k];
        double[] hCombo = new double[fast.length];
        Gradient ma = new Gradient(net.layout()), mb = new Gradient(net.layout()), mCombo = new Gradient(net.layout());
        net.hessianVectorProduct(meta, fast, batch, a, new double[fast.length], ma, 1.0);
        net.hessianVectorProduct(meta, fast, batch, b, new double[fast.length], mb, 1.0);
        net.hessianVectorProduct(meta, fast, batch, combo, hCombo, mCombo, 1.0);
        double norm = 0;
        for (int k = 0; k < fast.length; k++) {
            assertClose(hCombo[k], alpha * ha[k] + beta * hb[k], 1e-10, 1e-9, "H(alpha a + beta b)[" + k + "]");
            norm += ha[k] * ha[k];
        }
        assertTrue(norm > 1e-6, "H a is not trivially zero");
        for (int i = 0; i < meta.size(); i++) {
            assertClose(mCombo.get(i), alpha * ma.get(i) + beta * mb.get(i), 1e-10, 1e-9, "mixed block [" + i + "]");
        }
    }

    private static double[] step(double[] x, double[] v, double h) {
        double[] y = x.clone();
        for (int k = 0; k < y.length; k++) y[k] += h * v[k];
        return y;
    }
}
