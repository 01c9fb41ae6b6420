package dev.metarec.nn;

import dev.metarec.features.EncodedEntity;
import dev.metarec.math.Shapes;
import dev.metarec.math.Vectors;
import dev.metarec.meta.Batch;
import dev.metarec.meta.Example;

import java.util.Arrays;

import static dev.metarec.nn.NetworkShape.USER_BIAS;

/**
 * Loss and gradient of one user's batch: L = sum_e w_e l_e / sum_e w_e, where l_e is the objective's
 * loss ({@link Losses}) on score s_e = f(user, item_e) + user.bias + offset_e (for BPR, on
 * s(pos) - s(neg), the offset applying to the positive). A batch with no weight has loss 0 and
 * gradient 0. One instance per call.
 */
final class BatchGradient {
    private final NetworkShape shape;
    private final FastLayout fastLayout;
    private final Weights w;
    private final DenseGrads grads;
    private final Gradient slow;
    private final double slowScale;
    private final double[] dxi;
    private UserSide user;
    private Batch.Prepared prepared;   // the items' shares of the first layer, when computed for these meta-parameters

    private BatchGradient(NetworkShape shape, FastLayout fastLayout, Weights w, boolean wantGradient, Gradient slow, double slowScale) {
        this.shape = shape;
        this.fastLayout = fastLayout;
        this.w = w;
        this.slow = wantGradient ? slow : null;
        this.grads = !wantGradient ? null : this.slow != null ? new DenseGrads(shape) : new DenseGrads(shape, DenseGrads.adapted(shape, fastLayout));
        this.slowScale = slowScale;
        this.dxi = this.slow != null ? new double[shape.itemWidth] : null;
    }

    /** See {@link dev.metarec.meta.TaskModel#lossAndGradient}; {@code wantGradient == false} computes the loss only. */
    static double run(NetworkShape shape, FastLayout fastLayout, Params meta, double[] fast, Batch batch,
                      boolean wantGradient, double[] gradFast, Gradient gradSlow, double slowScale) {
        if (gradFast != null) Shapes.requireLength("gradFast", gradFast.length, fastLayout.size());
        Weights w = Weights.of(shape, fastLayout, meta, fast);
        BatchGradient pass = new BatchGradient(shape, fastLayout, w, wantGradient, gradSlow, slowScale);
        // the prepared shares stand in for x_item W0[item rows] when they were computed with these parameters and no slow
        // gradient is asked for (which needs the item's input itself)
        if (batch.prepared() != null && batch.prepared().meta() == meta && pass.slow == null && Scoring.sharesItemSide(shape, fastLayout))
            pass.prepared = batch.prepared();
        double loss = pass.accumulate(batch);
        if (wantGradient) pass.finish(gradFast);
        return loss;
    }

    private double accumulate(Batch batch) {
        Objective objective = shape.config.objective();
        requireBatch(shape, batch);
        double total = batch.totalWeight();
        if (total == 0) return 0;
        user = new UserSide(shape, w, batch.user());
        Trace pos = new Trace(shape, false);
        Trace neg = objective == Objective.BPR ? new Trace(shape, false) : null;
        double bias = w.value(USER_BIAS, 0);
        double loss = 0;
        for (int i = 0; i < batch.size(); i++) {
            Example e = batch.examples().get(i);
            double c = e.weight() / total;
            if (c == 0) continue;
            double s = score(e.item(), prepared == null ? null : prepared.items()[i], pos, bias) + e.offset();
            double g;
            if (neg != null) {
                double z = s - score(e.negative(), prepared == null ? null : prepared.negatives()[i], neg, bias);
                loss += c * Losses.value(objective, z, 0);
                g = c * Losses.first(objective, z, 0);
                if (grads != null) backward(e.negative(), neg, -g);
            } else {
                loss += c * Losses.value(objective, s, e.target());
                g = c * Losses.first(objective, s, e.target());
            }
            if (grads != null) backward(e.item(), pos, g);
        }
        return loss;
    }

    /** {@code share}: the item's x_item W0[item rows] when prepared, else null (computed here). */
    private double score(EncodedEntity item, double[] share, Trace t, double bias) {
        if (share == null) {
            Embeddings.pool(w.meta, item, shape.itemTables, shape.itemIdTable, shape.dim, t.xi);
            return Mlp.forward(shape, w, user.userPre, t) + bias;
        }
        double[] a0 = t.a[0];
        for (int o = 0; o < a0.length; o++) a0[o] = user.userPre[o] + share[o];
        return Mlp.forwardFromFirstLayer(shape, w, t) + bias;
    }

    /** Each example's item (and negative) share of the first layer, x_item W0[item rows], for {@code meta}. */
    static Batch.Prepared prepare(NetworkShape shape, FastLayout fastLayout, Params meta, Batch batch) {
        Weights w = Weights.of(shape, fastLayout, meta, fastLayout.gather(meta));
        Trace t = new Trace(shape, false);
        double[][] items = new double[batch.size()][], negatives = new double[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            Example e = batch.examples().get(i);
            items[i] = share(shape, w, e.item(), t);
            if (e.negative() != null) negatives[i] = share(shape, w, e.negative(), t);
        }
        return new Batch.Prepared(meta, items, negatives);
    }

    private static double[] share(NetworkShape shape, Weights w, EncodedEntity item, Trace t) {
        Embeddings.pool(w.meta, item, shape.itemTables, shape.itemIdTable, shape.dim, t.xi);
        double[] out = new double[shape.widths[1]];
        LayerOps.addVecMat(w, NetworkShape.weight(0), shape.userWidth, t.xi, shape.itemWidth, out, t.active);
        return out;
    }

    private void backward(EncodedEntity item, Trace t, double g) {
        Mlp.backward(shape, w, t, g, grads);
        Vectors.axpyInPlace(1.0, t.da[0], user.sumDa0);
        if (dxi != null) {
            Mlp.itemInputGradient(shape, w, t, dxi);
            Embeddings.scatter(item, shape.itemTables, shape.itemIdTable, shape.dim, dxi, slow, slowScale);
        }
    }

    private void finish(double[] gradFast) {
        if (user == null) {            // no weight: zero gradient
            if (gradFast != null) Arrays.fill(gradFast, 0.0);
            return;
        }
        user.backward(w, grads, slow, slowScale);
        grads.route(shape, fastLayout, gradFast, slow, slowScale);
    }

    /** Validates every entity and target of the batch against the network, before any arithmetic. */
    static void requireBatch(NetworkShape shape, Batch batch) {
        if (batch == null) throw new IllegalArgumentException("batch is missing");
        shape.requireUser(batch.user());
        Objective objective = shape.config.objective();
        for (int i = 0; i < batch.size(); i++) {
            Example e = batch.examples().get(i);
            shape.requireItem("example " + i + " item", e.item());
            Losses.requireTarget(objective, e.target());
            if (objective == Objective.BPR) {
                if (e.negative() == null) throw new IllegalArgumentException("example " + i + " has no negative item, which BPR needs");
                shape.requireItem("example " + i + " negative", e.negative());
            }
        }
    }
}
