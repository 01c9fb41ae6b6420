package dev.metarec.meta;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.Params;
import dev.metarec.optim.Adam;
import dev.metarec.optim.AdamState;

/**
 * The part of one outer step that does not touch a task: which tasks the next meta-batch holds, and the
 * update from the meta-batch's mean meta-gradient (clipping, Adam, Meta-SGD's rate bounds). The task
 * meta-gradients themselves ({@link TaskGradient}) may be computed anywhere, by {@link MetaTrainer}'s
 * threads or by other machines; whoever sums them hands the mean to {@link #apply}, so an outer step is
 * the same code wherever its gradients came from.
 *
 * <p>Not thread-safe (it caches the current epoch's task permutation).
 */
public final class OuterStep {
    private final MetaTrainConfig config;
    private final Adam adam;
    private TaskSampler sampler;

    public OuterStep(MetaTrainConfig config) {
        this.config = config;
        this.adam = Adam.of(config.metaLr()).withMaxGradNorm(config.clipNorm());
    }

    public MetaTrainConfig config() { return config; }

    /**
     * Indices, into a task list of {@code taskCount} tasks (always in the same order), of the meta-batch
     * that follows {@code state}: {@code config.metaBatchSize()} of them, drawn from the seed and the
     * state's cursor alone.
     */
    public int[] batch(MetaTrainState state, int taskCount) {
        requireSameTasks(state, taskCount);
        if (sampler == null || sampler.taskCount() != taskCount) sampler = new TaskSampler(config.seed(), taskCount);
        return sampler.batch(state.cursor(), config.metaBatchSize());
    }

    /**
     * The state after one outer step whose mean meta-gradient is {@code mean}: clipped to
     * {@code config.clipNorm()}, one Adam step (advancing {@code moments} in place), Meta-SGD's learned
     * rates clamped into their bounds, the cursor moved past the meta-batch.
     *
     * @param moments Adam's state to advance; the caller's copy (never shared with {@code state} unless the caller chose so)
     * @throws NonFiniteException naming the meta step and the group, when the gradient or the result is not finite
     */
    public MetaTrainState apply(MetaTrainState state, AdamState moments, Gradient mean, int taskCount) {
        requireSameTasks(state, taskCount);
        long stepNo = state.step() + 1;
        mean.requireFinite("meta step " + stepNo + ", mean meta-gradient");
        Params updated;
        try {
            updated = adam.stepAndAdvance(state.params(), mean, moments);   // refuses non-finite results
        } catch (NonFiniteException e) {
            throw e.within("meta step " + stepNo);
        }
        if (config.learner() == Learner.META_SGD) updated = clampRates(updated);
        return new MetaTrainState(updated, moments, stepNo, state.cursor() + config.metaBatchSize(), taskCount);
    }

    /** As {@link #apply(MetaTrainState, AdamState, Gradient, int)} on a copy of the state's Adam moments. */
    public MetaTrainState apply(MetaTrainState state, Gradient mean, int taskCount) {
        return apply(state, state.optimizer().copy(), mean, taskCount);
    }

    /** The global L2 norm of a gradient's touched rows (before clipping: what a step report shows). */
    public static double norm(Gradient g) {
        double[] a = g.array();
        double[] sum = new double[1];
        g.forEachTouchedRow((off, len) -> {
            for (int i = off; i < off + len; i++) sum[0] += a[i] * a[i];
        });
        return Math.sqrt(sum[0]);
    }

    private static void requireSameTasks(MetaTrainState state, int taskCount) {
        if (state.taskCount() != 0 && state.taskCount() != taskCount)
            throw new IllegalArgumentException("the state was trained on " + state.taskCount() + " tasks but " + taskCount
                    + " were given; resuming on other tasks would not continue the same task order");
    }

    /** Meta-SGD's rates must stay positive: clamps them into [minInnerLr, maxInnerLr]. */
    private Params clampRates(Params p) {
        ParamGroup g = p.layout().group(InnerRates.GROUP);
        for (int i = g.offset(); i < g.end(); i++) {
            double r = p.get(i);
            double c = Math.min(config.maxInnerLr(), Math.max(config.minInnerLr(), r));
            if (c != r && !Double.isNaN(r)) p = p.with(i, c);
        }
        return p;
    }
}
