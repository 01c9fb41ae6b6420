package dev.metarec.eval.method;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.Params;

/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015) over the rows a
 * sparse {@link Gradient} touched (lazy Adam), for the pooled baseline. Gradients are d(loss)/d(theta)
 * and are subtracted. Holds its moment state, so one instance per training run.
 */
final class Adam {
    private static final double B1 = 0.9, B2 = 0.999, EPS = 1e-8;
    private final double[] m, v;
    private final double lr;
    private long t;

    Adam(int size, double lr) {
        this.m = new double[size];
        this.v = new double[size];
        this.lr = lr;
    }

    /** Returns new parameters one step along -grad; updates this optimiser's moments in place. */
    Params stepInPlace(Params p, Gradient g) {
        t++;
        double c1 = 1 - Math.pow(B1, t), c2 = 1 - Math.pow(B2, t);
        double[] w = p.toArray();
        double[] ga = g.array();
        g.forEachTouchedRow((off, len) -> {
            for (int i = off; i < off + len; i++) {
                m[i] = B1 * m[i] + (1 - B1) * ga[i];
                v[i] = B2 * v[i] + (1 - B2) * ga[i] * ga[i];
                w[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS);
            }
        });
        return Params.wrap(p.layout(), w);
    }
}
