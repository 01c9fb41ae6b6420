package dev.metarec.eval.method;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.data.Datasets;
import dev.metarec.eval.metrics.RankingMetrics;
import dev.metarec.eval.protocol.EvalSplit;
import dev.metarec.eval.protocol.RankingCandidates;
import dev.metarec.eval.protocol.RankingProtocol;
import dev.metarec.eval.protocol.RankingSplit;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticGenerator;
import org.junit.jupiter.api.Test;

import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Item-kNN's neighbourhood size and shrinkage and EASE's lambda are chosen on validation users only: the
 * fit never reads a test task, and for each support size k it picks the grid point with the best
 * Recall@10 on the validation users' tasks with k support events.
 */
class ValidationOnlySelectionTest {
    private static final Dataset DATA = Datasets.fromSynthetic(SyntheticGenerator.generate(
            SyntheticConfig.small().withUsers(160).withItems(150).withEvents(25, 60).withInitialItemFraction(0.7), 11));
    private static final RankingSplit SPLIT = RankingProtocol.standard().split(DATA, 1);

    /** Training data whose test scenarios throw on any access. */
    private static TrainingData withSealedTests() {
        Map<String, List<UserTask>> sealed = new LinkedHashMap<>();
        for (String k : SPLIT.split().scenarios().keySet()) sealed.put(k, new AbstractList<>() {
            @Override public UserTask get(int index) { throw new AssertionError("a test task was read while fitting"); }
            @Override public int size() { throw new AssertionError("the test tasks were read while fitting"); }
        });
        EvalSplit split = new EvalSplit(SPLIT.split().train(), SPLIT.split().validation(), sealed);
        return new TrainingData(split, SPLIT.strictObservations(), DATA, 1, Budget.quick(), SPLIT.trainingHistories());
    }

    private static TrainingData training() {
        return new TrainingData(SPLIT.split(), SPLIT.strictObservations(), DATA, 1, Budget.quick(), SPLIT.trainingHistories());
    }

    /** Mean capped Recall@10 over the validation tasks with k support events, computed here from the protocol's candidates. */
    private static double validationRecall(FittedModel f, int k) {
        double sum = 0;
        int n = 0;
        for (RankingCandidates c : RankingCandidates.of(SPLIT.split().validation(), DATA.items(), DATA.explicit())) {
            if (!c.scorable() || c.task().support().size() != k) continue;
            sum += RankingMetrics.recallCapped(f.predict(c.task(), SPLIT.strictObservations(), 0), c.positive(), 10);
            n++;
        }
        assertTrue(n > 0, "the synthetic split has scorable validation users");
        return sum / n;
    }

    @Test
    void itemKnn_neverReadsTestTasks_andPicksTheBestValidationGridPointPerSupportSize() {
        List<Integer> sizes = List.of(1, 5, 40);
        List<Double> shrinkages = List.of(0.0, 20.0);
        ItemKnn.Fitted chosen = new ItemKnn(sizes, shrinkages).fit(withSealedTests(), Progress.NONE);
        for (int k : RankingProtocol.SHOTS) {
            double best = Double.NEGATIVE_INFINITY;
            int bestK = -1;
            double bestS = -1;
            for (double s : shrinkages) for (int n : sizes) {
                double v = validationRecall(new ItemKnn(List.of(n), List.of(s)).fit(training(), Progress.NONE), k);
                if (v > best) { best = v; bestK = n; bestS = s; }
            }
            assertEquals(bestK, chosen.neighbours(k), "K at k=" + k);
            assertEquals(bestS, chosen.shrinkage(k), "shrinkage at k=" + k);
            assertEquals(best, validationRecall(chosen, k), 1e-12);
        }
    }

    @Test
    void ease_neverReadsTestTasks_andPicksTheBestValidationLambdaPerSupportSize() {
        List<Double> lambdas = List.of(0.5, 50.0, 5000.0);
        Ease.Fitted chosen = new Ease(lambdas, 1000).fit(withSealedTests(), Progress.NONE);
        for (int k : RankingProtocol.SHOTS) {
            double best = Double.NEGATIVE_INFINITY, bestLambda = -1;
            for (double l : lambdas) {
                double v = validationRecall(new Ease(List.of(l), 1000).fit(training(), Progress.NONE), k);
                if (v > best) { best = v; bestLambda = l; }
            }
            assertEquals(bestLambda, chosen.lambda(k), "lambda at k=" + k);
            assertEquals(best, validationRecall(chosen, k), 1e-12);
        }
    }
}
