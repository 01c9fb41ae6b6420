package dev.metarec.eval.run;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.data.Datasets;
import dev.metarec.eval.method.BiasModel;
import dev.metarec.eval.method.Budget;
import dev.metarec.eval.method.FittedModel;
import dev.metarec.eval.method.Floors;
import dev.metarec.eval.method.Progress;
import dev.metarec.eval.method.RatingMethod;
import dev.metarec.eval.method.TrainingData;
import dev.metarec.eval.protocol.EvalSplit;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.eval.report.ResultRow;
import dev.metarec.eval.report.Results;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticDataset;
import dev.metarec.synthetic.SyntheticGenerator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Prequential drift replay (Gama, Sebastião and Rodrigues, "On evaluating stream learning
 * algorithms", Machine Learning 2013) on synthetic users whose taste changes at a known interaction:
 * each test user's ratings are replayed in time order; before each rating the method predicts it from
 * the events so far (window of the last {@value #WINDOW}), then the rating is ingested. Errors are
 * aligned on the change (x = events since the change) and averaged over users. Events-to-recover:
 * the first x >= 0 at which the mean error, smoothed over 3 events, is back within 10% of the mean
 * error over the {@value #BEFORE} events before the change. Recency weighting gives support event i
 * of n the weight 0.5^((n - 1 - i) / {@value #HALF_LIFE}).
 */
public final class DriftExperiment {
    static final int WINDOW = 20, BEFORE = 10, AFTER = 20;
    static final double HALF_LIFE = 4;

    private DriftExperiment() {}

    /** @param users size of each seed's synthetic world (400 for reported runs; fewer for smoke runs) */
    public static void run(List<RatingMethod> adaptive, Budget budget, int users, List<Long> seeds, Results out, Progress progress, PrintStream log) {
        Map<String, double[][]> curves = new LinkedHashMap<>();   // name -> per seed -> error by offset
        for (int s = 0; s < seeds.size(); s++) {
            long seed = seeds.get(s);
            SyntheticDataset world = SyntheticGenerator.generate(SyntheticConfig.small().withUsers(users).withEvents(40, 80).withDriftFraction(0.5), seed);
            Dataset data = Datasets.fromSynthetic(world);
            Split sp = split(data, world, seed);
            TrainingData training = new TrainingData(sp.eval, sp.eval.strictObservations(), data, seed, budget);
            Observations observed = sp.eval.strictObservations();
            log.printf("[drift seed %d] %d training users, %d drifting test users%n", seed, sp.eval.train().size(), sp.replay.size());
            List<Replayer> replayers = new ArrayList<>();
            replayers.add(new Replayer("user mean (all history)", Floors.userSupportMean().fit(training, progress), 0, false, false));
            replayers.add(new Replayer("user mean (last 5)", Floors.userSupportMean().fit(training, progress), 0, false, true));
            replayers.add(new Replayer("bias model (shrunk)", new BiasModel().fit(training, progress), 0, false, false));
            for (RatingMethod m : adaptive) {
                FittedModel f = m.fit(training, progress);
                replayers.add(new Replayer(m.name() + " @" + budget.innerSteps(), f, budget.innerSteps(), false, false));
                replayers.add(new Replayer(m.name() + " @" + budget.innerSteps() + " recency-weighted", f, budget.innerSteps(), true, false));
            }
            for (Replayer r : replayers) {
                double[] curve = r.replay(sp.replay, sp.changes, observed);
                curves.computeIfAbsent(r.name, k -> new double[seeds.size()][])[s] = curve;
                double before = mean(curve, 0, BEFORE), after = mean(curve, BEFORE, BEFORE + 10);
                out.add(new ResultRow("drift", "prequential", "synthetic drifting users", r.name, r.steps, "MAE before change (10 events)", seed, before));
                out.add(new ResultRow("drift", "prequential", "synthetic drifting users", r.name, r.steps, "MAE after change (10 events)", seed, after));
                out.add(new ResultRow("drift", "prequential", "synthetic drifting users", r.name, r.steps, "events-to-recover", seed, eventsToRecover(curve)));
            }
        }
        double[] x = new double[BEFORE + AFTER];
        for (int i = 0; i < x.length; i++) x[i] = i - BEFORE;
        curves.forEach((name, perSeed) -> {
            double[] y = new double[x.length];
            for (double[] c : perSeed) for (int i = 0; i < y.length; i++) y[i] += c[i] / perSeed.length;
            out.addSeries(new Results.Series("prequential", name, x, y));
        });
    }

    /** First offset >= 0 where the 3-event smoothed error is within 10% of the pre-change level; AFTER when never. */
    static double eventsToRecover(double[] curve) {
        double level = mean(curve, 0, BEFORE);
        for (int j = BEFORE; j + 3 <= curve.length; j++) if (mean(curve, j, j + 3) <= 1.1 * level) return j - BEFORE;
        return AFTER;
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += v[i];
        return s / (to - from);
    }

    private record Split(EvalSplit eval, List<UserTask> replay, List<Integer> changes) {}

    /** 70% of users train (support: first half of their history), 10% validate, drifting users among the rest are replayed. */
    private static Split split(Dataset data, SyntheticDataset world, long seed) {
        Map<String, Item> items = data.itemsById();
        Map<String, List<Rated>> byUser = new LinkedHashMap<>();
        for (Event e : data.events()) byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(new Rated(items.get(e.itemId()), e.value(), e.timestamp()));
        List<UserProfile> users = new ArrayList<>(data.users());
        Collections.shuffle(users, new Random(seed));
        int nTrain = (int) (users.size() * 0.7), nVal = (int) (users.size() * 0.1);
        List<UserTask> train = new ArrayList<>(), val = new ArrayList<>(), replay = new ArrayList<>();
        List<Integer> changes = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            UserProfile u = users.get(i);
            List<Rated> h = byUser.getOrDefault(u.userId(), List.of());
            if (h.size() < 4) continue;
            UserTask halves = new UserTask(u, h.subList(0, h.size() / 2), h.subList(h.size() / 2, h.size()));
            if (i < nTrain) train.add(halves);
            else if (i < nTrain + nVal) val.add(halves);
            else world.truth().changeIndex(u.userId()).ifPresent(c -> {
                if (c >= BEFORE && c + AFTER <= h.size()) { replay.add(new UserTask(u, h, List.of())); changes.add(c); }
            });
        }
        return new Split(new EvalSplit(train, val, Map.of()), replay, changes);
    }

    private record Replayer(String name, FittedModel model, int steps, boolean recency, boolean lastFive) {
        /** Mean absolute error at offsets -BEFORE .. AFTER-1 around each user's change, averaged over users. */
        double[] replay(List<UserTask> users, List<Integer> changes, Observations observed) {
            double[] sum = new double[BEFORE + AFTER];
            for (int u = 0; u < users.size(); u++) {
                List<Rated> h = users.get(u).support();
                int c = changes.get(u);
                for (int j = c - BEFORE; j < c + AFTER; j++) {
                    int from = Math.max(0, j - (lastFive ? 5 : WINDOW));
                    List<Rated> support = h.subList(from, j);
                    UserTask t = new UserTask(users.get(u).user(), support, List.of(h.get(j)));
                    double[] p = recency ? model.predictWeighted(t, observed, steps, weights(support.size())) : model.predict(t, observed, steps);
                    sum[j - (c - BEFORE)] += Math.abs(p[0] - h.get(j).value());
                }
            }
            for (int i = 0; i < sum.length; i++) sum[i] /= Math.max(1, users.size());
            return sum;
        }

        static double[] weights(int n) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) w[i] = Math.pow(0.5, (n - 1 - i) / HALF_LIFE);
            return w;
        }
    }
}
