package dev.metarec.meta;

/** The meta-learning algorithm of the outer loop. All adapt the same way at serving time ({@link InnerLoop}). */
public enum Learner {
    /**
     * Exact second-order MAML (Finn, Abbeel and Levine, ICML 2017): the meta-gradient of the query
     * loss differentiates through the inner steps with Hessian-vector products.
     */
    MAML,
    /** First-order MAML (Finn et al., 2017, section 5.2): the query gradient at the adapted weights, no second-order terms. */
    FIRST_ORDER_MAML,
    /**
     * Reptile (Nichol, Achiam and Schulman, "On First-Order Meta-Learning Algorithms", 2018): the fast
     * groups move towards the adapted weights; their pseudo-gradient is (theta_0 - theta_k) / (k * alpha_s).
     * Groups that do not adapt get the first-order query gradient.
     */
    REPTILE,
    /**
     * Meta-SGD (Li, Zhou, Chen and Li, "Meta-SGD: Learning to Learn Quickly for Few-Shot Learning", 2017):
     * second-order MAML that also learns the per-group inner rates (group {@value InnerRates#GROUP}),
     * with the exact gradient with respect to the rates.
     */
    META_SGD;

    /** Whether the meta-gradient differentiates through the inner steps. */
    public boolean secondOrder() { return this == MAML || this == META_SGD; }
}
