package dev.metarec.eval.run;

import dev.metarec.eval.metrics.RankingMetrics;
import dev.metarec.eval.protocol.RankingCandidates;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One user's scored candidate list: the curve's metrics (Recall@10 and Recall@20 as hits / min(cut-off,
 * positives), nDCG@10 binary), the top 10 item ids (ties in catalogue order), and the new-item metrics:
 * capped Recall@10 among the new candidates only (NaN without a new positive) and over the full list with
 * only the new positives counted.
 */
record UserRanking(double recall10, double ndcg10, double recall20, List<String> top10, int newPositives, double newRecall10, double newRecall10Full) {

    static UserRanking of(RankingCandidates c, double[] scores, Set<String> newItems) {
        if (scores.length != c.positive().length)
            throw new IllegalStateException("a method returned " + scores.length + " scores for " + c.positive().length + " candidates");
        RankingMetrics.Ranked ranked = new RankingMetrics.Ranked(scores, c.positive());
        List<String> top = new ArrayList<>();
        for (int i : ranked.top(10)) top.add(c.items().get(i).itemId());
        int n = 0;
        for (int i = 0; i < scores.length; i++) if (newItems.contains(c.items().get(i).itemId())) n++;
        double[] newScores = new double[n];
        boolean[] newPositive = new boolean[n], newOnFull = new boolean[scores.length];
        int newPos = 0;
        for (int i = 0, j = 0; i < scores.length; i++) {
            if (!newItems.contains(c.items().get(i).itemId())) continue;
            newScores[j] = scores[i];
            newPositive[j] = c.positive()[i];
            newOnFull[i] = c.positive()[i];
            if (c.positive()[i]) newPos++;
            j++;
        }
        double newRecall = Double.NaN, newFull = Double.NaN;
        if (newPos > 0) {
            newRecall = RankingMetrics.recallCapped(newScores, newPositive, 10);
            newFull = RankingMetrics.recallCapped(scores, newOnFull, 10);
        }
        return new UserRanking(ranked.recallCapped(10), ranked.ndcgBinary(10), ranked.recallCapped(20), List.copyOf(top), newPos, newRecall, newFull);
    }

    static int newPositives(RankingCandidates c, Set<String> newItems) {
        int n = 0;
        for (int i = 0; i < c.positive().length; i++) if (c.positive()[i] && newItems.contains(c.items().get(i).itemId())) n++;
        return n;
    }
}
