package dev.metarec.meta;

import dev.metarec.nn.FastLayout;
import dev.metarec.nn.Gradient;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;

import java.util.Arrays;
import java.util.List;

/**
 * A small nonlinear task model with non-zero third derivatives and slow-fast coupling, for checking
 * the second-order meta-gradient: p = P x (P slow), z = W p + b, a = tanh(z), s = o . a + c (o slow),
 * loss = sum_i omega_i (s_i - y_i)^2 / sum omega. W, b, c adapt. Exact gradient and Hessian-vector
 * product by Pearlmutter's R-operator.
 */
final class TanhTaskModel implements TaskModel<RegressionBatch> {
    final int d, m, h;
    private final FastLayout fastLayout;
    private final ParamGroup gP, gO;
    private final int wOff, bOff, cOff;

    TanhTaskModel(int d, int m, int h, boolean learnedRates) {
        this.d = d;
        this.m = m;
        this.h = h;
        ParamLayout.Builder lb = ParamLayout.builder().dense("P", m, d).dense("W", h, m).dense("b", 1, h).dense("o", 1, h).dense("c", 1, 1);
        if (learnedRates) lb.dense(InnerRates.GROUP, 1, 3);
        ParamLayout layout = lb.build();
        this.fastLayout = new FastLayout(layout, List.of("W", "b", "c"));
        this.gP = layout.group("P");
        this.gO = layout.group("o");
        this.wOff = fastLayout.slot("W").fastOffset();
        this.bOff = fastLayout.slot("b").fastOffset();
        this.cOff = fastLayout.slot("c").fastOffset();
    }

    @Override public FastLayout fastLayout() { return fastLayout; }

    /** Random parameters in a well-conditioned range. */
    Params init(java.util.SplittableRandom r, double rate) {
        ParamLayout layout = fastLayout.layout();
        double[] v = new double[layout.size()];
        for (int i = 0; i < v.length; i++) v[i] = 0.6 * r.nextGaussian();
        layout.findGroup(InnerRates.GROUP).ifPresent(g -> {
            for (int i = g.offset(); i < g.end(); i++) v[i] = rate * (0.5 + r.nextDouble());
        });
        return new Params(layout, v);
    }

    private double[] project(Params meta, double[] x) {
        double[] p = new double[m];
        for (int k = 0; k < m; k++) for (int i = 0; i < d; i++) p[k] += meta.get(gP.index(k, i)) * x[i];
        return p;
    }

    private double[] hidden(double[] fast, double[] p) {
        double[] a = new double[h];
        for (int j = 0; j < h; j++) {
            double z = fast[bOff + j];
            for (int k = 0; k < m; k++) z += fast[wOff + j * m + k] * p[k];
            a[j] = Math.tanh(z);
        }
        return a;
    }

    private double score(Params meta, double[] fast, double[] a) {
        double s = fast[cOff];
        for (int j = 0; j < h; j++) s += meta.get(gO.index(0, j)) * a[j];
        return s;
    }

    @Override public double loss(Params meta, double[] fast, RegressionBatch batch) {
        return lossAndGradient(meta, fast, batch, null, null, 0);
    }

    @Override public double lossAndGradient(Params meta, double[] fast, RegressionBatch batch, double[] gradFast, Gradient gradSlow, double slowScale) {
        if (gradFast != null) Arrays.fill(gradFast, 0);
        double total = batch.totalWeight(), loss = 0;
        for (int n = 0; n < batch.size(); n++) {
            double[] x = batch.x()[n], p = project(meta, x), a = hidden(fast, p);
            double r = score(meta, fast, a) - batch.y()[n];
            loss += batch.weight()[n] * r * r / total;
            double e = 2 * batch.weight()[n] * r / total;
            double[] q = new double[h];
            for (int j = 0; j < h; j++) q[j] = e * meta.get(gO.index(0, j)) * (1 - a[j] * a[j]);
            if (gradFast != null) {
                gradFast[cOff] += e;
                for (int j = 0; j < h; j++) {
                    gradFast[bOff + j] += q[j];
                    for (int k = 0; k < m; k++) gradFast[wOff + j * m + k] += q[j] * p[k];
                }
            }
            if (gradSlow != null) {
                for (int j = 0; j < h; j++) gradSlow.add(gO.index(0, j), slowScale * e * a[j]);
                for (int k = 0; k < m; k++) {
                    double back = 0;
                    for (int j = 0; j < h; j++) back += q[j] * fast[wOff + j * m + k];
                    for (int i = 0; i < d; i++) gradSlow.add(gP.index(k, i), slowScale * back * x[i]);
                }
            }
        }
        return loss;
    }

    @Override public void hessianVectorProduct(Params meta, double[] fast, RegressionBatch batch, double[] v, double[] hvFast, Gradient gradSlow, double slowScale) {
        Arrays.fill(hvFast, 0);
        double total = batch.totalWeight();
        for (int n = 0; n < batch.size(); n++) {
            double[] x = batch.x()[n], p = project(meta, x), a = hidden(fast, p);
            double r = score(meta, fast, a) - batch.y()[n];
            double e = 2 * batch.weight()[n] * r / total;
            double[] ra = new double[h], q = new double[h], rq = new double[h];
            double rs = v[cOff];
            for (int j = 0; j < h; j++) {
                double rz = v[bOff + j];
                for (int k = 0; k < m; k++) rz += v[wOff + j * m + k] * p[k];
                ra[j] = (1 - a[j] * a[j]) * rz;
                rs += meta.get(gO.index(0, j)) * ra[j];
            }
            double re = 2 * batch.weight()[n] * rs / total;
            for (int j = 0; j < h; j++) {
                double o = meta.get(gO.index(0, j));
                double delta = o * (1 - a[j] * a[j]);
                q[j] = e * delta;
                rq[j] = re * delta + e * (-2 * o * a[j] * ra[j]);
            }
            hvFast[cOff] += re;
            for (int j = 0; j < h; j++) {
                hvFast[bOff + j] += rq[j];
                for (int k = 0; k < m; k++) hvFast[wOff + j * m + k] += rq[j] * p[k];
            }
            if (gradSlow != null) {
                for (int j = 0; j < h; j++) gradSlow.add(gO.index(0, j), slowScale * (re * a[j] + e * ra[j]));
                for (int k = 0; k < m; k++) {
                    double back = 0;
                    for (int j = 0; j < h; j++) back += rq[j] * fast[wOff + j * m + k] + q[j] * v[wOff + j * m + k];
                    for (int i = 0; i < d; i++) gradSlow.add(gP.index(k, i), slowScale * back * x[i]);
                }
            }
        }
    }
}
