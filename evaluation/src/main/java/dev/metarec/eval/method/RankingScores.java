package dev.metarec.eval.method;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.metrics.RankingMetrics;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.RankingCandidates;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.UserTask;

import java.util.List;
import java.util.function.BiFunction;

/** Helpers shared by the full-catalogue ranking baselines (item-kNN, EASE). */
final class RankingScores {
    /**
     * Weight of the popularity tie-break added to a baseline's score: popularity / (max popularity + 1)
     * times this, so it only orders items whose scores differ by less than 1e-6 (in practice: items the
     * model gives no score, e.g. no neighbour of any support item).
     */
    static final double TIE_BREAK = 1e-6;

    private RankingScores() {}

    /** The query's scores from per-catalogue-index scores, plus the popularity tie-break of {@code observed}. */
    static double[] forQuery(InteractionMatrix m, double[] byIndex, UserTask task, Observations observed) {
        List<Rated> q = task.query();
        double max = 0;
        for (String id : observed.items()) max = Math.max(max, observed.count(id));
        double[] out = new double[q.size()];
        for (int c = 0; c < out.length; c++) {
            int i = m.indexOf(q.get(c).itemId());
            out[c] = (i >= 0 ? byIndex[i] : 0) + TIE_BREAK * observed.count(q.get(c).itemId()) / (max + 1);
        }
        return out;
    }

    /**
     * Mean capped Recall@10 ({@link RankingMetrics#recallCapped}) of a scorer over the validation tasks
     * (candidates as in the ranking protocol, {@link RankingCandidates}); NaN when no task is scorable.
     */
    static double validationRecall(List<RankingCandidates> candidates, Observations observed, BiFunction<UserTask, Observations, double[]> scorer) {
        double sum = 0;
        int n = 0;
        for (RankingCandidates c : candidates) {
            if (!c.scorable()) continue;
            sum += RankingMetrics.recallCapped(scorer.apply(c.task(), observed), c.positive(), 10);
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static List<RankingCandidates> validationCandidates(TrainingData data) {
        Dataset d = data.dataset();
        return RankingCandidates.of(data.split().validation(), d.items(), d.explicit());
    }

    /** What a fit depends on: equal keys give equal fits, so a fit can be reused across seeds. */
    record FitKey(List<String> catalogue, List<List<Rated>> histories, List<UserTask> validation, boolean explicit) {
        static FitKey of(TrainingData data) {
            return new FitKey(data.dataset().items().stream().map(dev.metarec.model.Item::itemId).toList(), data.histories(),
                    data.split().validation(), data.dataset().explicit());
        }
    }
}
