package dev.metarec.optim;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.Params;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015), lazy over sparse
 * gradients: only rows the {@link Gradient} touched have their moments and parameters updated, as in
 * TensorFlow's LazyAdam and PyTorch's SparseAdam; an untouched embedding row keeps its moments, which
 * therefore decay only when the row is used. Bias correction uses the global step count.
 * <pre>
 *   t = t + 1;  g = clip * gradient
 *   m = beta1 m + (1 - beta1) g;   v = beta2 v + (1 - beta2) g^2
 *   theta = theta - eta (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 * </pre>
 * The hyper-parameters are a value; the moments live in a separate {@link AdamState}.
 *
 * @param learningRate eta
 * @param maxGradNorm  clip the gradient to this global norm; {@code Double.POSITIVE_INFINITY} for none
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon, double maxGradNorm) {
    public Adam {
        if (!(learningRate > 0) || !Double.isFinite(learningRate))
            throw new IllegalArgumentException("learningRate must be a positive finite number, was " + learningRate);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), was " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), was " + beta2);
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be > 0, was " + epsilon);
        GradientClipping.requireMaxNorm(maxGradNorm);
    }

    /** The paper's defaults (beta1 0.9, beta2 0.999, epsilon 1e-8), no clipping. */
    public static Adam of(double learningRate) { return new Adam(learningRate, 0.9, 0.999, 1e-8, Double.POSITIVE_INFINITY); }

    public Adam withMaxGradNorm(double maxNorm) { return new Adam(learningRate, beta1, beta2, epsilon, maxNorm); }

    /**
     * Returns the parameters after one step and advances {@code state} in place (its step count and the
     * touched rows' moments). On a non-finite gradient or result it throws {@link NonFiniteException}
     * naming the group, and neither {@code params} nor {@code state} has changed.
     */
    public Params stepAndAdvance(Params params, Gradient gradient, AdamState state) {
        if (!state.layout().equals(params.layout()) || !gradient.layout().equals(params.layout()))
            throw new IllegalArgumentException("parameters, gradient and Adam state must share one layout");
        String where = "Adam step " + (state.step() + 1);
        gradient.requireFinite(where);
        double scale = GradientClipping.factor(gradient, maxGradNorm);
        long t = state.step() + 1;
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        double[] theta = params.toArray();
        double[] g = gradient.array();
        int[] touched = new int[1];
        gradient.forEachTouchedRow((off, len) -> touched[0] += len);
        double[] m = new double[touched[0]], v = new double[touched[0]];   // committed only if the step is finite
        int[] k = new int[1];
        gradient.forEachTouchedRow((off, len) -> {
            for (int i = off; i < off + len; i++, k[0]++) {
                double gi = scale * g[i];
                double mi = m[k[0]] = beta1 * state.m[i] + (1 - beta1) * gi;
                double vi = v[k[0]] = beta2 * state.v[i] + (1 - beta2) * gi * gi;
                theta[i] -= learningRate * (mi / c1) / (Math.sqrt(vi / c2) + epsilon);
            }
        });
        Params next = Params.wrap(params.layout(), theta);
        requireTouchedFinite(next, gradient, where);
        k[0] = 0;
        gradient.forEachTouchedRow((off, len) -> {
            System.arraycopy(m, k[0], state.m, off, len);
            System.arraycopy(v, k[0], state.v, off, len);
            k[0] += len;
        });
        state.advanceStep();
        return next;
    }

    static void requireTouchedFinite(Params p, Gradient gradient, String where) {
        gradient.forEachTouchedRow((off, len) -> {
            for (int i = off; i < off + len; i++)
                if (!Double.isFinite(p.get(i))) throw new NonFiniteException(where, p.layout().groupAt(i).name(), p.get(i));
        });
    }
}
