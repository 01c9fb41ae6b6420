package dev.metarec.eval.method;

import dev.metarec.eval.metrics.RatingMetrics;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.meta.Batch;
import dev.metarec.meta.InnerLoop;
import dev.metarec.meta.InnerRates;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.Params;

import java.util.List;

/**
 * A trained network that adapts per user: at 0 steps it predicts with the meta-parameters, at k steps
 * after k inner-loop gradient steps on the user's support set ({@link InnerLoop}, the same adaptation
 * metarec serves with). Immutable; predictions may run on several threads.
 */
final class AdaptingModel implements FittedModel {
    private final NetworkEncoding encoding;
    private final Params meta;
    private final List<Integer> stepCounts;
    private final LearningCurve curve;

    AdaptingModel(NetworkEncoding encoding, Params meta, List<Integer> stepCounts, LearningCurve curve) {
        this.encoding = encoding;
        this.meta = meta.requireFinite("trained parameters");
        this.stepCounts = List.copyOf(stepCounts);
        this.curve = curve;
    }

    @Override public List<Integer> stepCounts() { return stepCounts; }

    @Override public LearningCurve learningCurve() { return curve; }

    /** 0 steps and the adapted count k (the sweep 0, 1, 2, k, 2k has k second from the top). */
    @Override public List<Integer> rankingStepCounts() {
        return stepCounts.size() < 2 ? stepCounts : List.of(0, stepCounts.get(stepCounts.size() - 2));
    }

    Params meta() { return meta; }

    @Override public double[] predict(UserTask task, Observations observed, int steps) {
        double[] fast = adapt(encoding, meta, task, observed, steps);
        return encoding.predict(meta, fast, task, observed);
    }

    @Override public double[] predictWeighted(UserTask task, Observations observed, int steps, double[] supportWeights) {
        double[] fast = adapt(encoding, meta, task, observed, steps, supportWeights);
        return encoding.predict(meta, fast, task, observed);
    }

    static double[] adapt(NetworkEncoding encoding, Params meta, UserTask task, Observations observed, int steps) {
        return adapt(encoding, meta, task, observed, steps, null);
    }

    static double[] adapt(NetworkEncoding encoding, Params meta, UserTask task, Observations observed, int steps, double[] weights) {
        if (steps == 0 || task.support().isEmpty()) return encoding.network().fastLayout().gather(meta);
        Batch support = encoding.batch(task.user(), task.support(), observed, weights);
        // The rate argument is only used by layouts without a meta.innerLr group; the network always has one.
        return new InnerLoop<>(encoding.network(), steps, 1e-3).adapt(meta, support).fast();
    }

    /** The same parameters with every inner rate set to {@code rate} (for learners that do not learn rates). */
    static Params withInnerRate(Params p, double rate) {
        ParamGroup g = p.layout().group(InnerRates.GROUP);
        double[] v = p.toArray();
        java.util.Arrays.fill(v, g.offset(), g.end(), rate);
        return Params.wrap(p.layout(), v);
    }

    /**
     * The encoding whose network adapts with the support shrinkage tau (from the training tau and the grid
     * of {@code settings}) that gives the lowest validation MAE after {@code k} steps; the training tau
     * when there are no validation users. Logs the choice to stderr.
     */
    static NetworkEncoding chooseShrinkage(NetworkEncoding enc, Params p, TrainingData data, int k, NetworkSettings settings, String method) {
        if (data.split().validation().isEmpty()) return enc;
        NetworkEncoding best = enc;
        double bestMae = Double.POSITIVE_INFINITY;
        StringBuilder grid = new StringBuilder();
        for (double tau : settings.shrinkageCandidates()) {
            NetworkEncoding candidate = enc.withSupportShrinkage(tau);
            double mae = mae(candidate, p, data.split().validation(), data.observed(), k);
            grid.append(String.format(java.util.Locale.ROOT, " %g:%.4f", tau, mae));
            if (mae < bestMae) { bestMae = mae; best = candidate; }
        }
        System.err.printf(java.util.Locale.ROOT, "%n[%s seed %d] support shrinkage chosen on validation users: tau=%g (trained with %g; val MAE @%d by tau:%s)%n",
                method, data.seed(), best.network().config().supportShrinkage(), settings.supportShrinkage(), k, grid);
        return best;
    }

    /** Mean query MAE of the tasks after {@code steps} adaptation steps. */
    static double mae(NetworkEncoding encoding, Params meta, List<UserTask> tasks, Observations observed, int steps) {
        double s = 0;
        for (UserTask t : tasks) s += RatingMetrics.mae(encoding.predict(meta, adapt(encoding, meta, t, observed, steps), t, observed), t.queryValues());
        return s / tasks.size();
    }

    /** 0, 1, 2, k and 2k, sorted and distinct: the evaluation points of an adapting method. */
    static List<Integer> stepSweep(int k) {
        return java.util.stream.IntStream.of(0, 1, 2, k, 2 * k).distinct().sorted().boxed().toList();
    }
}
