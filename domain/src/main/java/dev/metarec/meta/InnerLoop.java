package dev.metarec.meta;

import dev.metarec.nn.FastLayout;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.Params;

/**
 * Few-shot adaptation: {@code k} steps of plain gradient descent on a user's support batch, starting
 * from given fast weights (normally the meta-parameters of the adapted groups),
 * <pre>theta_{j+1} = theta_j - alpha_s * dL_support/dtheta (theta_j)   for every element of slot s,</pre>
 * the inner loop of MAML (Finn, Abbeel and Levine, "Model-Agnostic Meta-Learning for Fast Adaptation
 * of Deep Networks", ICML 2017) with per-group rates alpha_s as in Meta-SGD (Li et al., 2017).
 * The rates come from {@link InnerRates}, times the model's {@link TaskModel#innerStepScale support-size
 * factor} n / (n + tau) (1 unless the model has support shrinkage). Per-example weights (recency) are
 * part of the batch; the meta-parameters are never written. Stateless and thread-safe.
 */
public final class InnerLoop<B> {
    private final TaskModel<B> model;
    private final int steps;
    private final double configuredRate;

    /**
     * @param steps          gradient steps k, >= 0
     * @param configuredRate the rate of every group when the parameters have no {@value InnerRates#GROUP} group
     */
    public InnerLoop(TaskModel<B> model, int steps, double configuredRate) {
        if (steps < 0) throw new IllegalArgumentException("inner steps must be >= 0, was " + steps);
        if (!(configuredRate > 0) || !Double.isFinite(configuredRate))
            throw new IllegalArgumentException("inner learning rate must be a positive finite number, was " + configuredRate);
        this.model = model;
        this.steps = steps;
        this.configuredRate = configuredRate;
    }

    public int steps() { return steps; }

    public TaskModel<B> model() { return model; }

    /** One rate per fast slot for these meta-parameters. */
    public double[] rates(Params meta) { return InnerRates.of(meta, model.fastLayout(), configuredRate); }

    /** Adapts from the meta-parameters' own fast groups. */
    public AdaptResult adapt(Params meta, B support) { return adapt(meta, model.fastLayout().gather(meta), support); }

    /**
     * Adapts from {@code initialFast} (not modified), e.g. a user's stored fast weights.
     *
     * @throws NonFiniteException naming the step and group when a loss, gradient or weight is NaN or infinite
     */
    public AdaptResult adapt(Params meta, double[] initialFast, B support) {
        FastLayout fastLayout = model.fastLayout();
        if (initialFast.length != fastLayout.size())
            throw new IllegalArgumentException("fast weights have " + initialFast.length + " values, the layout needs " + fastLayout.size());
        double[] theta = initialFast.clone();
        requireFinite(fastLayout, theta, "initial fast weights");
        support = model.prepare(meta, support);
        double[] rates = scaledRates(model, rates(meta), support);
        double[] grad = new double[theta.length];
        double before = Double.NaN;
        for (int j = 0; j < steps; j++) {
            double loss = model.lossAndGradient(meta, theta, support, grad, null, 0.0);
            if (!Double.isFinite(loss)) throw new NonFiniteException("inner step " + j + " of " + steps, "loss", loss);
            if (j == 0) before = loss;
            sgdStep(fastLayout, theta, grad, rates, theta, j, steps);
        }
        double after = model.loss(meta, theta, support);
        if (!Double.isFinite(after)) throw new NonFiniteException("after inner step " + steps, "loss", after);
        return new AdaptResult(theta, steps == 0 ? after : before, after, steps);
    }

    /** {@code rates} times the model's step scale for {@code support}, checked to lie in [0, 1]. */
    static <B> double[] scaledRates(TaskModel<B> model, double[] rates, B support) {
        double c = model.innerStepScale(support);
        if (!(c >= 0 && c <= 1)) throw new IllegalStateException("inner step scale must be in [0, 1], was " + c);
        if (c == 1.0) return rates;
        double[] out = rates.clone();
        for (int s = 0; s < out.length; s++) out[s] *= c;
        return out;
    }

    /**
     * to = from - rate_s * grad for every element of each slot s ({@code to} may be {@code from}).
     *
     * @throws NonFiniteException naming step {@code j} and the slot's group if a result is not finite
     *         (a NaN or infinite gradient always makes it so)
     */
    static void sgdStep(FastLayout fastLayout, double[] from, double[] grad, double[] rates, double[] to, int j, int steps) {
        var slots = fastLayout.slots();
        for (int s = 0; s < slots.size(); s++) {
            int start = slots.get(s).fastOffset();
            int end = start + slots.get(s).size();
            double rate = rates[s];
            boolean finite = true;
            for (int i = start; i < end; i++) {
                double t = from[i] - rate * grad[i];
                to[i] = t;
                finite &= Double.isFinite(t);
            }
            if (!finite) throw nonFinite(fastLayout, s, grad, to, "inner step " + j + " of " + steps);
        }
    }

    private static NonFiniteException nonFinite(FastLayout fastLayout, int slot, double[] grad, double[] weights, String where) {
        var sl = fastLayout.slots().get(slot);
        String group = sl.group().name();
        for (int i = sl.fastOffset(); i < sl.fastOffset() + sl.size(); i++) {
            if (!Double.isFinite(grad[i])) return new NonFiniteException(where, "gradient of " + group, grad[i]);
        }
        for (int i = sl.fastOffset(); i < sl.fastOffset() + sl.size(); i++) {
            if (!Double.isFinite(weights[i])) return new NonFiniteException(where, "fast weights of " + group, weights[i]);
        }
        throw new IllegalStateException("no non-finite value in " + group);
    }

    /** Throws naming the slot's group if any element of {@code v} is not finite. */
    static void requireFinite(FastLayout fastLayout, double[] v, String where) {
        for (var sl : fastLayout.slots()) {
            for (int i = sl.fastOffset(); i < sl.fastOffset() + sl.size(); i++) {
                if (!Double.isFinite(v[i])) throw new NonFiniteException(where, sl.group().name(), v[i]);
            }
        }
    }
}
