package dev.metarec.meta;

import dev.metarec.nn.FastLayout;
import dev.metarec.nn.Gradient;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;

import java.util.List;

/**
 * Linear regression as a task model: score = w . x, loss = sum_i omega_i (score_i - y_i)^2 / sum omega.
 * The whole of {@code w} adapts; an optional {@code meta.innerLr} group (1 x 1) holds the inner rate.
 */
final class LinearTaskModel implements TaskModel<RegressionBatch> {
    private final int dim;
    private final FastLayout fastLayout;

    LinearTaskModel(int dim, boolean learnedRate) {
        this.dim = dim;
        ParamLayout.Builder b = ParamLayout.builder().dense("w", 1, dim);
        if (learnedRate) b.dense(InnerRates.GROUP, 1, 1);
        this.fastLayout = new FastLayout(b.build(), List.of("w"));
    }

    @Override public FastLayout fastLayout() { return fastLayout; }

    @Override public double loss(Params meta, double[] fast, RegressionBatch batch) {
        return lossAndGradient(meta, fast, batch, null, null, 0);
    }

    @Override public double lossAndGradient(Params meta, double[] fast, RegressionBatch batch, double[] gradFast, Gradient gradSlow, double slowScale) {
        if (gradFast != null) java.util.Arrays.fill(gradFast, 0);
        double total = batch.totalWeight(), loss = 0;
        for (int i = 0; i < batch.size(); i++) {
            double r = dot(fast, batch.x()[i]) - batch.y()[i];
            loss += batch.weight()[i] * r * r / total;
            if (gradFast != null) {
                double e = 2 * batch.weight()[i] * r / total;
                for (int k = 0; k < dim; k++) gradFast[k] += e * batch.x()[i][k];
            }
        }
        return loss;
    }

    @Override public void hessianVectorProduct(Params meta, double[] fast, RegressionBatch batch, double[] v, double[] hvFast, Gradient gradSlow, double slowScale) {
        java.util.Arrays.fill(hvFast, 0);
        double total = batch.totalWeight();
        for (int i = 0; i < batch.size(); i++) {
            double e = 2 * batch.weight()[i] * dot(v, batch.x()[i]) / total;
            for (int k = 0; k < dim; k++) hvFast[k] += e * batch.x()[i][k];
        }
    }

    private double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < dim; k++) s += a[k] * b[k];
        return s;
    }
}
