package dev.metarec.eval.run;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.method.Budget;
import dev.metarec.eval.method.FittedModel;
import dev.metarec.eval.method.LearningCurve;
import dev.metarec.eval.method.Progress;
import dev.metarec.eval.method.RatingMethod;
import dev.metarec.eval.method.TrainingData;
import dev.metarec.eval.metrics.Gain;
import dev.metarec.eval.metrics.RankingMetrics;
import dev.metarec.eval.metrics.RatingMetrics;
import dev.metarec.eval.protocol.EvalSplit;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.eval.report.ResultRow;
import dev.metarec.eval.report.Results;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Runs rating methods on a protocol over seeds: for each seed a fresh split; each method is fitted once
 * on its training tasks and evaluated in every variant ({@code strict}: item observations from
 * training histories only; {@code warm-up}: also other users' support sets), at each of its step
 * counts, on every scenario. Per task: MAE, RMSE, nDCG@3 and nDCG@10 over the query items (gain
 * 2^r - 1) and nDCG@3 with linear gain; a scenario's number is the mean over its tasks (each user
 * counts once, as in MeLU).
 */
public final class RatingExperiment {
    public static final String STRICT = "strict";
    public static final String WARM_UP = "warm-up";
    public static final String MAE = "MAE";
    public static final String RMSE = "RMSE";
    public static final String NDCG3 = "nDCG@3 (2^r-1)";
    public static final String NDCG3_LINEAR = "nDCG@3 (linear)";
    public static final String NDCG10 = "nDCG@10 (2^r-1)";

    private RatingExperiment() {}

    public record Spec(String protocol, LongFunction<EvalSplit> splitter, List<String> variants) {}

    public static void run(Spec spec, Dataset data, List<RatingMethod> methods, List<Long> seeds, Budget budget,
                           Results out, Progress progress, PrintStream log) {
        for (long seed : seeds) {
            EvalSplit split = spec.splitter().apply(seed);
            log.printf("[%s seed %d] %d training, %d validation tasks; %s%n", spec.protocol(), seed, split.train().size(), split.validation().size(), sizes(split));
            Map<String, Observations> observed = new LinkedHashMap<>();
            for (String v : spec.variants()) observed.put(v, v.equals(WARM_UP) ? split.warmUpObservations() : split.strictObservations());
            TrainingData training = new TrainingData(split, split.strictObservations(), data, seed, budget);
            for (RatingMethod m : methods) {
                long t0 = System.nanoTime();
                FittedModel fitted = m.fit(training, progress);
                double fitSeconds = (System.nanoTime() - t0) / 1e9;
                out.note("fit seconds: " + spec.protocol() + " / " + m.name() + " / seed " + seed, String.format("%.1f", fitSeconds));
                if (seed == seeds.get(0)) record(out, spec.protocol(), m.name(), seed, fitted.learningCurve());
                for (Map.Entry<String, Observations> v : observed.entrySet())
                    for (int steps : fitted.stepCounts())
                        for (Map.Entry<String, List<UserTask>> sc : split.scenarios().entrySet())
                            evaluate(out, spec.protocol(), v.getKey(), sc.getKey(), m.name(), steps, seed, fitted, sc.getValue(), v.getValue());
                log.printf("[%s seed %d] %s fitted in %.1f s%n", spec.protocol(), seed, m.name(), fitSeconds);
            }
        }
    }

    private static String sizes(EvalSplit split) {
        StringBuilder b = new StringBuilder();
        split.scenarios().forEach((k, v) -> b.append(k).append(": ").append(v.size()).append(" tasks; "));
        return b.toString();
    }

    private static void record(Results out, String protocol, String method, long seed, LearningCurve curve) {
        if (curve.points().isEmpty()) return;
        double[] x = curve.points().stream().mapToDouble(p -> p[0]).toArray();
        out.addSeries(new Results.Series("learning-curve", method + " train (seed " + seed + ")", x, curve.points().stream().mapToDouble(p -> p[1]).toArray()));
        out.addSeries(new Results.Series("learning-curve", method + " validation (seed " + seed + ")", x, curve.points().stream().mapToDouble(p -> p[2]).toArray()));
    }

    /** Evaluates one fitted model on one scenario's tasks and adds the per-scenario means. */
    static void evaluate(Results out, String protocol, String variant, String scenario, String method, int steps, long seed,
                         FittedModel fitted, List<UserTask> tasks, Observations observed) {
        if (tasks.isEmpty()) return;
        double mae = 0, rmse = 0, n3 = 0, n3l = 0, n10 = 0;
        for (UserTask t : tasks) {
            double[] p = fitted.predict(t, observed, steps);
            double[] y = t.queryValues();
            if (fitted.predictsRatings()) {
                mae += RatingMetrics.mae(p, y);
                rmse += RatingMetrics.rmse(p, y);
            }
            n3 += RankingMetrics.ndcg(p, y, 3, Gain.EXPONENTIAL);
            n3l += RankingMetrics.ndcg(p, y, 3, Gain.LINEAR);
            n10 += RankingMetrics.ndcg(p, y, 10, Gain.EXPONENTIAL);
        }
        int n = tasks.size();
        if (fitted.predictsRatings()) {
            out.add(new ResultRow(protocol, variant, scenario, method, steps, MAE, seed, mae / n));
            out.add(new ResultRow(protocol, variant, scenario, method, steps, RMSE, seed, rmse / n));
        }
        out.add(new ResultRow(protocol, variant, scenario, method, steps, NDCG3, seed, n3 / n));
        out.add(new ResultRow(protocol, variant, scenario, method, steps, NDCG3_LINEAR, seed, n3l / n));
        out.add(new ResultRow(protocol, variant, scenario, method, steps, NDCG10, seed, n10 / n));
    }
}
