package dev.metarec.meta;

import java.util.Objects;

/**
 * Configuration of meta-training.
 *
 * @param learner        the algorithm
 * @param innerSteps     gradient steps k on each support set (>= 1)
 * @param innerLr        inner rate for every adapted group when the parameters have no {@value InnerRates#GROUP} group
 * @param metaLr         Adam's step size for the meta-parameters
 * @param metaBatchSize  tasks per outer step
 * @param threads        worker threads for the tasks of one meta-batch; the result does not depend on it
 * @param seed           seed of the task order
 * @param clipNorm       the meta-gradient is rescaled to this global L2 norm when longer;
 *                       {@link Double#POSITIVE_INFINITY} disables clipping
 * @param minInnerLr     Meta-SGD keeps each learned rate in [minInnerLr, maxInnerLr] (they must stay positive)
 * @param maxInnerLr     upper bound of the learned rates
 */
public record MetaTrainConfig(
        Learner learner,
        int innerSteps,
        double innerLr,
        double metaLr,
        int metaBatchSize,
        int threads,
        long seed,
        double clipNorm,
        double minInnerLr,
        double maxInnerLr) {

    public MetaTrainConfig {
        Objects.requireNonNull(learner, "learner");
        if (innerSteps < 1) throw new IllegalArgumentException("innerSteps must be >= 1, was " + innerSteps);
        positive("innerLr", innerLr);
        positive("metaLr", metaLr);
        if (metaBatchSize < 1) throw new IllegalArgumentException("metaBatchSize must be >= 1, was " + metaBatchSize);
        if (threads < 1 || threads > 256) throw new IllegalArgumentException("threads must be in [1, 256], was " + threads);
        if (!(clipNorm > 0)) throw new IllegalArgumentException("clipNorm must be > 0 (POSITIVE_INFINITY for none), was " + clipNorm);
        positive("minInnerLr", minInnerLr);
        positive("maxInnerLr", maxInnerLr);
        if (minInnerLr > maxInnerLr)
            throw new IllegalArgumentException("minInnerLr " + minInnerLr + " must not exceed maxInnerLr " + maxInnerLr);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException(name + " must be a positive finite number, was " + v);
    }

    /**
     * Defaults: 1 inner step at 5e-3 (used only when the parameters carry no learned rates), Adam at 1e-3,
     * 32 tasks per meta-batch, one thread, seed 42, clip at norm 10, Meta-SGD rates kept in [1e-6, 1].
     */
    public static MetaTrainConfig defaults(Learner learner) {
        return new MetaTrainConfig(learner, 1, 5e-3, 1e-3, 32, 1, 42L, 10.0, 1e-6, 1.0);
    }

    public MetaTrainConfig withLearner(Learner l) { return new MetaTrainConfig(l, innerSteps, innerLr, metaLr, metaBatchSize, threads, seed, clipNorm, minInnerLr, maxInnerLr); }

    public MetaTrainConfig withInnerSteps(int k) { return new MetaTrainConfig(learner, k, innerLr, metaLr, metaBatchSize, threads, seed, clipNorm, minInnerLr, maxInnerLr); }

    public MetaTrainConfig withInnerLr(double a) { return new MetaTrainConfig(learner, innerSteps, a, metaLr, metaBatchSize, threads, seed, clipNorm, minInnerLr, maxInnerLr); }

    public MetaTrainConfig withMetaLr(double b) { return new MetaTrainConfig(learner, innerSteps, innerLr, b, metaBatchSize, threads, seed, clipNorm, minInnerLr, maxInnerLr); }

    public MetaTrainConfig withMetaBatchSize(int n) { return new MetaTrainConfig(learner, innerSteps, innerLr, metaLr, n, threads, seed, clipNorm, minInnerLr, maxInnerLr); }

    public MetaTrainConfig withThreads(int t) { return new MetaTrainConfig(learner, innerSteps, innerLr, metaLr, metaBatchSize, t, seed, clipNorm, minInnerLr, maxInnerLr); }

    public MetaTrainConfig withSeed(long s) { return new MetaTrainConfig(learner, innerSteps, innerLr, metaLr, metaBatchSize, threads, s, clipNorm, minInnerLr, maxInnerLr); }

    public MetaTrainConfig withClipNorm(double c) { return new MetaTrainConfig(learner, innerSteps, innerLr, metaLr, metaBatchSize, threads, seed, c, minInnerLr, maxInnerLr); }
}
