package dev.metarec.meta;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.Params;

/** Placeholder until dev.metarec.optim.Adam lands on main: lazy Adam over the touched rows. */
public final class TemporaryAdam {
    public record State(double[] m, double[] v, long t) {}

    private TemporaryAdam() {}

    static State init(int size) { return new State(new double[size], new double[size], 0); }

    static Params step(Params p, Gradient g, State s, double lr, State[] next) {
        double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double[] w = p.toArray(), m = s.m().clone(), v = s.v().clone();
        long t = s.t() + 1;
        double c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
        double[] ga = g.array();
        g.forEachTouchedRow((off, len) -> {
            for (int i = off; i < off + len; i++) {
                m[i] = b1 * m[i] + (1 - b1) * ga[i];
                v[i] = b2 * v[i] + (1 - b2) * ga[i] * ga[i];
                w[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
            }
        });
        next[0] = new State(m, v, t);
        return Params.wrap(p.layout(), w);
    }
}
