package dev.metarec.nn;

import dev.metarec.math.Vectors;

import java.util.Arrays;

import static dev.metarec.nn.NetworkShape.USER_BIAS;
import static dev.metarec.nn.NetworkShape.bias;
import static dev.metarec.nn.NetworkShape.weight;

/**
 * One item's pass through the decision network, given the user's share of the first layer
 * ({@code userPre = b0 + u W0[user rows]}, computed once per user). Forward, backward, and
 * Pearlmutter's R-operator ("Fast Exact Multiplication by the Hessian", Neural Computation 6(1), 1994)
 * through both. ReLU's second derivative is zero almost everywhere, so R{da} = mask(a) R{dh}.
 *
 * <p>Layer k: {@code a[k] = in(k) W_k + b_k}, with {@code in(0) = [u, xi]} and {@code in(k) = h[k-1]};
 * the last layer is linear and 1 wide.
 */
final class Mlp {
    private Mlp() {}

    /** Fills {@code t.a, t.h} from {@code t.xi}; returns the output layer's value (score without biases/offset). */
    static double forward(NetworkShape shape, Weights w, double[] userPre, Trace t) {
        double[] a0 = t.a[0];
        System.arraycopy(userPre, 0, a0, 0, a0.length);
        LayerOps.addVecMat(w, weight(0), shape.userWidth, t.xi, shape.itemWidth, a0, t.active);
        return forwardFromFirstLayer(shape, w, t);
    }

    /** Fills {@code t.a[1..], t.h} from {@code t.a[0]}; returns the output layer's value. */
    static double forwardFromFirstLayer(NetworkShape shape, Weights w, Trace t) {
        int hidden = shape.hiddenLayers();
        for (int k = 0; k < hidden; k++) {
            System.arraycopy(t.a[k], 0, t.h[k], 0, t.a[k].length);
            Vectors.reluInPlace(t.h[k], 0, t.h[k].length);
            double[] next = t.a[k + 1];
            System.arraycopy(w.array(bias(k + 1)), w.offset(bias(k + 1)), next, 0, next.length);
            LayerOps.addVecMat(w, weight(k + 1), 0, t.h[k], t.h[k].length, next, t.active);
        }
        return t.a[hidden][0];
    }

    /**
     * Back-propagates {@code g = dL/dscore} through layers {@code hidden .. 0}, filling {@code t.da} and
     * adding to {@code grads} (when not null) every gradient of this item except layer 0's bias and
     * user rows, which the caller accumulates once per user from {@code t.da[0]}.
     */
    static void backward(NetworkShape shape, Weights w, Trace t, double g, DenseGrads grads) {
        int hidden = shape.hiddenLayers();
        t.da[hidden][0] = g;
        if (grads != null) grads.of(USER_BIAS)[0] += g;
        for (int k = hidden; k >= 1; k--) {
            double[] da = t.da[k];
            double[] in = t.h[k - 1];
            if (grads != null) {
                LayerOps.addOuter(grads, weight(k), 0, in, in.length, da);
                Vectors.axpyInPlace(1.0, da, 0, grads.of(bias(k)), 0, da.length);
            }
            double[] prev = t.da[k - 1];
            Arrays.fill(prev, 0.0);
            LayerOps.addMatVec(w, weight(k), 0, in.length, da, prev, t.active);
            Vectors.reluMaskInPlace(t.a[k - 1], 0, prev, 0, prev.length);
        }
        if (grads != null) LayerOps.addOuter(grads, weight(0), shape.userWidth, t.xi, shape.itemWidth, t.da[0]);
    }

    /** {@code out = W0[item rows] da[0]}: dL/dxi, the gradient reaching the item's pooled embeddings. */
    static void itemInputGradient(NetworkShape shape, Weights w, Trace t, double[] out) {
        Arrays.fill(out, 0.0);
        LayerOps.addMatVec(w, weight(0), shape.userWidth, shape.itemWidth, t.da[0], out, t.active);
    }

    /** R-forward: fills {@code t.ra, t.rh} for direction {@code v}; R{xi} = 0 (tables never adapt). Returns R{output}. */
    static double rForward(NetworkShape shape, Weights w, Weights v, double[] rUserPre, Trace t) {
        int hidden = shape.hiddenLayers();
        double[] ra0 = t.ra[0];
        System.arraycopy(rUserPre, 0, ra0, 0, ra0.length);
        LayerOps.addVecMat(v, weight(0), shape.userWidth, t.xi, shape.itemWidth, ra0, t.active);
        for (int k = 0; k < hidden; k++) {
            System.arraycopy(t.ra[k], 0, t.rh[k], 0, t.ra[k].length);
            Vectors.reluMaskInPlace(t.a[k], 0, t.rh[k], 0, t.rh[k].length);
            double[] next = t.ra[k + 1];
            System.arraycopy(v.array(bias(k + 1)), v.offset(bias(k + 1)), next, 0, next.length);
            int in = t.h[k].length;
            LayerOps.addVecMat(w, weight(k + 1), 0, t.rh[k], in, next, t.active);
            LayerOps.addVecMat(v, weight(k + 1), 0, t.h[k], in, next, t.active);
        }
        return t.ra[hidden][0];
    }

    /**
     * R-backward, after {@link #backward} filled {@code t.da}: given {@code rg = R{dL/dscore}}, fills
     * {@code t.rda} and adds the R-gradients (the Hessian-vector product) to {@code rGrads}, except layer
     * 0's bias and user rows (the caller's, from {@code t.rda[0]}).
     */
    static void rBackward(NetworkShape shape, Weights w, Weights v, Trace t, double rg, DenseGrads rGrads) {
        int hidden = shape.hiddenLayers();
        t.rda[hidden][0] = rg;
        rGrads.of(USER_BIAS)[0] += rg;
        for (int k = hidden; k >= 1; k--) {
            double[] da = t.da[k], rda = t.rda[k];
            double[] in = t.h[k - 1], rin = t.rh[k - 1];
            LayerOps.addOuter(rGrads, weight(k), 0, rin, in.length, da);
            LayerOps.addOuter(rGrads, weight(k), 0, in, in.length, rda);
            Vectors.axpyInPlace(1.0, rda, 0, rGrads.of(bias(k)), 0, rda.length);
            double[] prev = t.rda[k - 1];
            Arrays.fill(prev, 0.0);
            LayerOps.addMatVec(v, weight(k), 0, in.length, da, prev, t.active);
            LayerOps.addMatVec(w, weight(k), 0, in.length, rda, prev, t.active);
            Vectors.reluMaskInPlace(t.a[k - 1], 0, prev, 0, prev.length);
        }
        LayerOps.addOuter(rGrads, weight(0), shape.userWidth, t.xi, shape.itemWidth, t.rda[0]);
    }

    /** {@code out = V0[item rows] da[0] + W0[item rows] R{da[0]}}: R{dL/dxi}, the mixed block for item embeddings. */
    static void rItemInputGradient(NetworkShape shape, Weights w, Weights v, Trace t, double[] out) {
        Arrays.fill(out, 0.0);
        LayerOps.addMatVec(v, weight(0), shape.userWidth, shape.itemWidth, t.da[0], out, t.active);
        LayerOps.addMatVec(w, weight(0), shape.userWidth, shape.itemWidth, t.rda[0], out, t.active);
    }
}
