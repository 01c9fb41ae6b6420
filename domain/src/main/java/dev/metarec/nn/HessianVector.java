package dev.metarec.nn;

import dev.metarec.features.EncodedEntity;
import dev.metarec.math.Shapes;
import dev.metarec.math.Vectors;
import dev.metarec.meta.Batch;
import dev.metarec.meta.Example;

import java.util.Arrays;

import static dev.metarec.nn.NetworkShape.USER_BIAS;

/**
 * Exact Hessian-vector products of the batch loss in a fast-weight direction {@code v}, by
 * Pearlmutter's R-operator (B. A. Pearlmutter, "Fast Exact Multiplication by the Hessian", Neural
 * Computation 6(1):147-160, 1994): R{f} = d/dr f(theta + r v) at r = 0, pushed through the forward pass
 * and then through the backward pass. The R-gradient of an adapted group is (d2L/dfast2) v; that of a
 * slow group (embedding rows, non-adapted dense groups) is the mixed block (d2L/dslow dfast) v. With
 * R{s} the score's directional derivative, R{dL/ds} = c l''(s) R{s}; ReLU contributes no second-order
 * term (its second derivative is zero almost everywhere). One instance per call.
 */
final class HessianVector {
    private final NetworkShape shape;
    private final Weights w, v;
    private final DenseGrads rGrads;
    private final Gradient slow;
    private final double slowScale;
    private final double[] rdxi;
    private UserSide user;

    private HessianVector(NetworkShape shape, Weights w, Weights v, Gradient slow, double slowScale) {
        this.shape = shape;
        this.w = w;
        this.v = v;
        this.rGrads = new DenseGrads(shape);
        this.slow = slow;
        this.slowScale = slowScale;
        this.rdxi = slow != null ? new double[shape.itemWidth] : null;
    }

    /** See {@link dev.metarec.meta.TaskModel#hessianVectorProduct}. */
    static void run(NetworkShape shape, FastLayout fastLayout, Params meta, double[] fast, Batch batch,
                    double[] direction, double[] hvFast, Gradient gradSlow, double slowScale) {
        Shapes.requireLength("hvFast", hvFast.length, fastLayout.size());
        Weights w = Weights.of(shape, fastLayout, meta, fast);
        Weights v = Weights.direction(shape, fastLayout, direction);
        BatchGradient.requireBatch(shape, batch);
        double total = batch.totalWeight();
        if (total == 0) {
            Arrays.fill(hvFast, 0.0);
            return;
        }
        HessianVector pass = new HessianVector(shape, w, v, gradSlow, slowScale);
        pass.accumulate(batch, total);
        pass.user.rBackward(w, v, pass.rGrads, gradSlow, slowScale);
        pass.rGrads.route(shape, fastLayout, hvFast, gradSlow, slowScale);
    }

    private void accumulate(Batch batch, double total) {
        Objective objective = shape.config.objective();
        user = new UserSide(shape, w, batch.user());
        user.rForward(w, v);
        Trace pos = new Trace(shape, true);
        Trace neg = objective == Objective.BPR ? new Trace(shape, true) : null;
        double bias = w.value(USER_BIAS, 0), rBias = v.value(USER_BIAS, 0);
        double[] s = new double[2];
        double[] sn = new double[2];
        for (Example e : batch.examples()) {
            double c = e.weight() / total;
            if (c == 0) continue;
            forward(e.item(), pos, bias, rBias, s);
            s[0] += e.offset();
            double g, rg;
            if (neg != null) {
                forward(e.negative(), neg, bias, rBias, sn);
                double z = s[0] - sn[0], rz = s[1] - sn[1];
                g = c * Losses.first(objective, z, 0);
                rg = c * Losses.second(objective, z) * rz;
                backward(e.negative(), neg, -g, -rg);
            } else {
                g = c * Losses.first(objective, s[0], e.target());
                rg = c * Losses.second(objective, s[0]) * s[1];
            }
            backward(e.item(), pos, g, rg);
        }
    }

    /** Writes the score into {@code out[0]} and its R-derivative into {@code out[1]}. */
    private void forward(EncodedEntity item, Trace t, double bias, double rBias, double[] out) {
        Embeddings.pool(w.meta, item, shape.itemTables, shape.itemIdTable, shape.dim, t.xi);
        out[0] = Mlp.forward(shape, w, user.userPre, t) + bias;
        out[1] = Mlp.rForward(shape, w, v, user.rUserPre, t) + rBias;
    }

    private void backward(EncodedEntity item, Trace t, double g, double rg) {
        Mlp.backward(shape, w, t, g, null);
        Mlp.rBackward(shape, w, v, t, rg, rGrads);
        Vectors.axpyInPlace(1.0, t.da[0], user.sumDa0);
        Vectors.axpyInPlace(1.0, t.rda[0], user.sumRda0);
        if (rdxi != null) {
            Mlp.rItemInputGradient(shape, w, v, t, rdxi);
            Embeddings.scatter(item, shape.itemTables, shape.itemIdTable, shape.dim, rdxi, slow, slowScale);
        }
    }
}
