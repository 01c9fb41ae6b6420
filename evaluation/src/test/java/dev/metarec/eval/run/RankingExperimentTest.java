package dev.metarec.eval.run;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.data.Datasets;
import dev.metarec.eval.method.Budget;
import dev.metarec.eval.method.FittedModel;
import dev.metarec.eval.method.Progress;
import dev.metarec.eval.method.RatingMethod;
import dev.metarec.eval.method.TrainingData;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.RankingProtocol;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.eval.report.ResultRow;
import dev.metarec.eval.report.Results;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticGenerator;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class RankingExperimentTest {
    private static final Dataset DATA = Datasets.fromSynthetic(SyntheticGenerator.generate(
            SyntheticConfig.small().withUsers(150).withEvents(22, 50).withInitialItemFraction(0.5), 3));

    /** An adapting method stand-in: sweeps 0, 1, 2, 3, 6 steps but asks the ranking curve for 0 and 3 only; records its calls. */
    private static final class Recording implements RatingMethod {
        final List<String> calls = new ArrayList<>();
        final AtomicInteger fits = new AtomicInteger();
        TrainingData seen;

        @Override public String name() { return "metarec stand-in"; }

        @Override public FittedModel fit(TrainingData data, Progress progress) {
            fits.incrementAndGet();
            seen = data;
            return new FittedModel() {
                @Override public List<Integer> stepCounts() { return List.of(0, 1, 2, 3, 6); }

                @Override public List<Integer> rankingStepCounts() { return List.of(0, 3); }

                @Override public boolean predictsRatings() { return false; }

                @Override public double[] predict(UserTask task, Observations observed, int steps) {
                    synchronized (calls) { calls.add(task.userId() + "/" + task.support().size() + "/" + steps + "/" + task.query().size()); }
                    double[] s = new double[task.query().size()];
                    for (int i = 0; i < s.length; i++) s[i] = task.query().get(i).itemId().hashCode() % 97 + steps;
                    return s;
                }
            };
        }
    }

    @Test
    void eachMethodScoresEachUsersWholeCandidateList_oncePerKAndReportedStepCount() {
        Recording m = new Recording();
        Results out = new Results();
        RankingExperiment.run(DATA, List.of(m), List.of(1L), Budget.quick(), out, Progress.NONE, new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(1, m.fits.get());
        assertEquals(RankingProtocol.standard().split(DATA, 1).trainingHistories(), m.seen.histories(), "the method learns from the training histories");
        Set<Integer> steps = new java.util.TreeSet<>();
        for (String c : m.calls) {
            String[] f = c.split("/");
            steps.add(Integer.parseInt(f[2]));
            int candidates = Integer.parseInt(f[3]);
            assertTrue(candidates > DATA.items().size() - 71 && candidates < DATA.items().size(), "a whole candidate list, not a sample: " + c);
        }
        assertEquals(Set.of(0, 3), steps, "only the reported step counts are scored");
        long recallRows = out.rows().stream().filter(r -> r.metric().equals("Recall@10")).count();
        assertEquals(RankingProtocol.SHOTS.size() * 2, recallRows, "one Recall@10 per k and step count");
        for (String metric : List.of("Recall@10", "nDCG@10", "Recall@20", "coverage@10", "long-tail share@10"))
            assertTrue(out.rows().stream().anyMatch(r -> r.protocol().equals("ranking") && r.scenario().equals("k=20") && r.metric().equals(metric)), metric);
        assertTrue(out.rows().stream().anyMatch(r -> r.protocol().equals("ranking-new-items") && r.variant().equals("warm-up")), "new-item rows");
        for (ResultRow row : out.rows()) {
            if (!row.protocol().equals("ranking") || !(row.metric().equals("Recall@10") || row.metric().equals("nDCG@10"))) continue;
            Map<String, Double> users = out.userMeans(new Results.Key(row.protocol(), row.variant(), row.scenario(), row.method(), row.steps(), row.metric()));
            assertFalse(users.isEmpty(), "each user's value is kept for the paired intervals: " + row);
            assertEquals(row.value(), users.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow(), 1e-12,
                    "the users' values average to the reported mean: " + row);
        }
        // strict: one call per (user, k, steps); the warm-up variant adds one per user with a new-item positive
        int perK = (int) m.calls.stream().filter(c -> c.split("/")[1].equals("1")).count();
        for (int k : RankingProtocol.SHOTS) assertEquals(perK, m.calls.stream().filter(c -> c.split("/")[1].equals(String.valueOf(k))).count());
    }
}
