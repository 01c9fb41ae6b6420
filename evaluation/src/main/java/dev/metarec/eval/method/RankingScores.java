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
     * (candidates as in the ranking protocol, {@link RankingCandidates}), per support size; a support size
     * without a scorable task is absent.
     */
    static java.util.TreeMap<Integer, Double> validationRecall(List<RankingCandidates> candidates, Observations observed,
                                                                BiFunction<UserTask, Observations, double[]> scorer) {
        java.util.TreeMap<Integer, double[]> sums = new java.util.TreeMap<>();
        for (RankingCandidates c : candidates) {
            if (!c.scorable()) continue;
            double[] s = sums.computeIfAbsent(c.task().support().size(), k -> new double[2]);
            s[0] += RankingMetrics.recallCapped(scorer.apply(c.task(), observed), c.positive(), 10);
            s[1]++;
        }
        java.util.TreeMap<Integer, Double> out = new java.util.TreeMap<>();
        sums.forEach((k, s) -> out.put(k, s[0] / s[1]));
        return out;
    }

    /**
     * The grid point to use for a support of {@code size} events: the one chosen for the largest validated
     * support size at most {@code size}, else for the smallest validated size.
     */
    static <T> T forSupportSize(java.util.TreeMap<Integer, T> bySize, int size) {
        var e = bySize.floorEntry(size);
        return e != null ? e.getValue() : bySize.firstEntry().getValue();
    }

    /**
     * Per support size, the index of the grid point with the highest validation recall (the earlier on
     * ties); {@code recalls.get(g)} is grid point g's recall by support size. Without validation tasks,
     * grid point 0 for every size (under key 0).
     */
    static java.util.TreeMap<Integer, Integer> choose(List<java.util.TreeMap<Integer, Double>> recalls) {
        java.util.TreeMap<Integer, Integer> best = new java.util.TreeMap<>();
        for (int g = 0; g < recalls.size(); g++)
            for (var e : recalls.get(g).entrySet()) {
                Integer b = best.get(e.getKey());
                if (b == null || e.getValue() > recalls.get(b).get(e.getKey())) best.put(e.getKey(), g);
            }
        if (best.isEmpty()) best.put(0, 0);
        return best;
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
