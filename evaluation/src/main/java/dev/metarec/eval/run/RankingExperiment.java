package dev.metarec.eval.run;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.method.Budget;
import dev.metarec.eval.method.FittedModel;
import dev.metarec.eval.method.Progress;
import dev.metarec.eval.method.RatingMethod;
import dev.metarec.eval.method.TrainingData;
import dev.metarec.eval.metrics.RankingMetrics;
import dev.metarec.eval.protocol.EvalSplit;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.TimeOrderedProtocol;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.eval.report.ResultRow;
import dev.metarec.eval.report.Results;
import dev.metarec.model.Item;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Full-candidate ranking for new users (protocol "ranking"): users split by first-event time as in
 * {@link TimeOrderedProtocol}; a test user's support is their first {@value #SHOTS} events; their
 * held-out positives (later events rated >= 4, or any later implicit event) are ranked among every
 * item they have not interacted with. Recall@10 (hits / positives), nDCG@10 (binary) and AUC,
 * averaged over users with at least one positive.
 */
public final class RankingExperiment {
    public static final int SHOTS = 5;
    public static final double POSITIVE_RATING = 4.0;

    private RankingExperiment() {}

    public static void run(Dataset data, List<RatingMethod> methods, List<Long> seeds, Budget budget, Results out, Progress progress, PrintStream log) {
        TimeOrderedProtocol protocol = new TimeOrderedProtocol(0.8, 0.1, List.of(SHOTS), 1, 50);
        boolean explicit = data.explicit();
        for (long seed : seeds) {
            EvalSplit split = protocol.split(data, seed);
            List<UserTask> tests = split.scenarios().get("k=" + SHOTS);
            TrainingData training = new TrainingData(split, split.strictObservations(), data, seed, budget);
            Observations observed = split.strictObservations();
            log.printf("[ranking seed %d] %d test users, %d candidate items%n", seed, tests.size(), data.items().size());
            for (RatingMethod m : methods) {
                FittedModel fitted = m.fit(training, progress);
                for (int steps : fitted.stepCounts()) {
                    double recall = 0, ndcg = 0, auc = 0;
                    int users = 0;
                    for (UserTask t : tests) {
                        Candidates c = candidates(t, data.items(), explicit);
                        if (c.positives == 0 || c.positives == c.items.size()) continue;
                        double[] scores = fitted.predict(new UserTask(t.user(), t.support(), c.items), observed, steps);
                        recall += RankingMetrics.recall(scores, c.positive, 10);
                        ndcg += RankingMetrics.ndcgBinary(scores, c.positive, 10);
                        auc += RankingMetrics.auc(scores, c.positive);
                        users++;
                    }
                    if (users == 0) continue;
                    out.add(new ResultRow("ranking", "strict", "new users, " + SHOTS + " events", m.name(), steps, "Recall@10", seed, recall / users));
                    out.add(new ResultRow("ranking", "strict", "new users, " + SHOTS + " events", m.name(), steps, "nDCG@10", seed, ndcg / users));
                    out.add(new ResultRow("ranking", "strict", "new users, " + SHOTS + " events", m.name(), steps, "AUC", seed, auc / users));
                }
                log.printf("[ranking seed %d] %s done%n", seed, m.name());
            }
        }
    }

    private record Candidates(List<Rated> items, boolean[] positive, int positives) {}

    /** Every item but the support items and the user's non-positive held-out items; positives flagged. */
    private static Candidates candidates(UserTask t, List<Item> catalogue, boolean explicit) {
        Set<String> exclude = new HashSet<>(), positives = new HashSet<>();
        for (Rated r : t.support()) exclude.add(r.itemId());
        for (Rated r : t.query()) {
            if (!explicit || r.value() >= POSITIVE_RATING) positives.add(r.itemId());
            else exclude.add(r.itemId());
        }
        positives.removeAll(exclude);
        List<Rated> items = new ArrayList<>();
        java.time.Instant when = t.query().get(0).time();
        for (Item i : catalogue) if (!exclude.contains(i.itemId())) items.add(new Rated(i, 0, when));
        boolean[] pos = new boolean[items.size()];
        for (int k = 0; k < pos.length; k++) pos[k] = positives.contains(items.get(k).itemId());
        return new Candidates(items, pos, positives.size());
    }
}
