package dev.metarec.meta;

import dev.metarec.nn.Params;

import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Central finite differences in double precision, and a relative comparison for gradients. */
final class FiniteDifferences {
    private FiniteDifferences() {}

    static double[] gradient(ToDoubleFunction<Params> f, Params at, double h) {
        double[] g = new double[at.size()];
        for (int i = 0; i < g.length; i++) {
            double x = at.get(i);
            g[i] = (f.applyAsDouble(at.with(i, x + h)) - f.applyAsDouble(at.with(i, x - h))) / (2 * h);
        }
        return g;
    }

    static double[] gradient(ToDoubleFunction<double[]> f, double[] at, double h) {
        double[] g = new double[at.length];
        for (int i = 0; i < g.length; i++) {
            double[] plus = at.clone(), minus = at.clone();
            plus[i] += h;
            minus[i] -= h;
            g[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
        }
        return g;
    }

    /** max_i |a_i - b_i| / max(1e-3, max_i |b_i|) <= tol, with a message naming the worst index. */
    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        double scale = 1e-3, worst = 0;
        int at = -1;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            if (diff > worst) { worst = diff; at = i; }
        }
        double rel = worst / scale;
        int idx = at;
        assertTrue(rel <= tol, () -> what + ": relative error " + rel + " at index " + idx + " (expected "
                + expected[idx] + ", got " + actual[idx] + ")");
    }
}
