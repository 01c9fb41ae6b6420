package dev.metarec.meta;

import dev.metarec.nn.FastLayout;
import dev.metarec.nn.Gradient;
import dev.metarec.nn.Params;

/**
 * A model seen by the learners: a loss L(meta, fast; batch) that depends on the meta-parameters and
 * on a separate fast-weight vector (the adapted groups, laid out by {@link #fastLayout()}).
 *
 * <p>"Slow" parameters are the meta-parameters that do not adapt. For a fast weight the meta-parameter
 * of the same group is never read: the fast vector replaces it. Implementations must be thread-safe
 * (they hold no mutable state; scratch space is per call or per thread).
 */
public interface TaskModel<B> {

    FastLayout fastLayout();

    /**
     * The factor in (0, 1] every inner step on {@code support} is scaled by: the inner loop descends
     * {@code innerStepScale(support) * L(support)}. 1 (the default) is MAML's plain loss; a model with
     * support shrinkage returns n / (n + tau) ({@link dev.metarec.nn.ModelConfig#supportShrinkage()}).
     */
    default double innerStepScale(B support) { return 1.0; }

    /**
     * {@code batch} in a form for repeated use with these {@code meta}-parameters (the inner loop's steps): the same
     * losses and gradients, with what does not depend on the fast weights computed once. The default returns
     * {@code batch} itself.
     */
    default B prepare(Params meta, B batch) { return batch; }

    /** The loss only. */
    double loss(Params meta, double[] fast, B batch);

    /**
     * Returns the loss; writes dL/dfast into {@code gradFast} (overwritten, may be null) and adds
     * {@code slowScale * dL/dslow} into {@code gradSlow} (may be null).
     */
    double lossAndGradient(Params meta, double[] fast, B batch, double[] gradFast, Gradient gradSlow, double slowScale);

    /**
     * Exact Hessian-vector product in the fast direction {@code v}: writes (d2L/dfast2) v into
     * {@code hvFast} (overwritten) and adds {@code slowScale * (d2L/dslow dfast) v} into {@code gradSlow}
     * (may be null).
     */
    void hessianVectorProduct(Params meta, double[] fast, B batch, double[] v, double[] hvFast, Gradient gradSlow, double slowScale);
}
