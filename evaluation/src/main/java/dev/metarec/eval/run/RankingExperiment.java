package dev.metarec.eval.run;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.method.Budget;
import dev.metarec.eval.method.FittedModel;
import dev.metarec.eval.method.Progress;
import dev.metarec.eval.method.RatingMethod;
import dev.metarec.eval.method.TrainingData;
import dev.metarec.eval.metrics.CatalogueMetrics;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.RankingCandidates;
import dev.metarec.eval.protocol.RankingProtocol;
import dev.metarec.eval.protocol.RankingSplit;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.eval.report.ResultRow;
import dev.metarec.eval.report.Results;
import dev.metarec.model.Item;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The few-shot full-catalogue ranking curve (protocol "ranking") and new-item ranking (protocol
 * "ranking-new-items"), on the split of {@link RankingProtocol}: for every k in {@link RankingProtocol#SHOTS}
 * and every test user with at least one positive, each method scores the user's whole candidate list
 * ({@link RankingCandidates}) in one {@link FittedModel#predict} call per step count of
 * {@link FittedModel#rankingStepCounts()}, seeing the support of k events and the training period's
 * observations. Metrics per user, averaged over users ({@link UserRanking}): Recall@10 and Recall@20 as
 * hits / min(cut-off, positives), nDCG@10 with binary gains; over all users' top 10s: catalogue coverage
 * and long-tail share ({@link CatalogueMetrics}, head = the most popular items making up 20% of the
 * training interactions).
 * <p>
 * New items (first event at or after the cut-off) are scored on the users with at least one new-item
 * positive: new-item Recall@10 ranks only the new candidates (a "new for you" shelf: does the model order
 * new items by the user's taste?) and, as a second number, the full candidate list with only new-item
 * positives counted (do they reach the served top 10?). Variants: strict (the same scores as the curve)
 * and warm-up (a second call whose observations also hold every test user's support at that k, as
 * production's item statistics would).
 */
public final class RankingExperiment {
    public static final String PROTOCOL = "ranking";
    public static final String NEW_ITEMS = "ranking-new-items";
    public static final String STRICT = "strict", WARM_UP = "warm-up";

    private RankingExperiment() {}

    public static void run(Dataset data, List<RatingMethod> methods, List<Long> seeds, Budget budget, Results out, Progress progress, PrintStream log) {
        RankingProtocol protocol = RankingProtocol.standard();
        for (long seed : seeds) {
            RankingSplit split = protocol.split(data, seed);
            Observations strict = split.strictObservations();
            TrainingData training = new TrainingData(split.split(), strict, data, seed, budget, split.trainingHistories());
            Set<String> head = CatalogueMetrics.head(counts(data.items(), strict), CatalogueMetrics.HEAD_SHARE);
            Map<Integer, List<RankingCandidates>> candidates = candidates(split, data);
            Map<Integer, Observations> warmUp = new HashMap<>();
            for (int k : split.shots()) warmUp.put(k, split.warmUpObservations(k));
            int maxK = split.shots().get(split.shots().size() - 1);
            long scored = candidates.get(maxK).stream().filter(RankingCandidates::scorable).count();
            long withNew = candidates.get(maxK).stream().filter(c -> c.scorable() && UserRanking.newPositives(c, split.newItems()) > 0).count();
            log.printf("[ranking seed %d] cut-off %s; %d training histories (%d events); %d test users, %d with positives, %d with new-item positives; "
                            + "%d new items; %d candidate items; head = %d items%n", seed, split.cutoff(), split.trainingHistories().size(), strict.total(),
                    split.tests(maxK).size(), scored, withNew, split.newItems().size(), data.items().size(), head.size());
            out.note("ranking split", String.format(Locale.ROOT, "cut-off %s; %d training users' histories before it (%d events); %d test users with positives "
                            + "(%d with new-item positives); %d new items of %d; head (20%% of training interactions) = %d items",
                    split.cutoff(), split.trainingHistories().size(), strict.total(), scored, withNew, split.newItems().size(), data.items().size(), head.size()));
            for (RatingMethod m : methods) {
                long started = System.nanoTime();
                FittedModel fitted = m.fit(training, progress);
                long fittedAt = System.nanoTime();
                for (int k : split.shots()) {
                    for (int steps : fitted.rankingStepCounts()) {
                        Scores s = score(fitted, candidates.get(k), strict, warmUp.get(k), steps, split.newItems(), head, data.items().size());
                        s.report(out, m.name(), steps, "k=" + k, seed);
                    }
                }
                log.printf(Locale.ROOT, "[ranking seed %d] %s: fit %.1f s, scoring %.1f s%n", seed, m.name(), (fittedAt - started) / 1e9, (System.nanoTime() - fittedAt) / 1e9);
            }
        }
    }

    /** Candidates per k, the positives of each user taken against their longest support (the same at every k). */
    static Map<Integer, List<RankingCandidates>> candidates(RankingSplit split, Dataset data) {
        int maxK = split.shots().get(split.shots().size() - 1);
        Map<String, List<Rated>> longest = RankingCandidates.longestSupports(split.tests(maxK));
        boolean explicit = data.explicit();   // a scan of every event: once, not per user (at MovieLens-1M size it took minutes a seed)
        Map<Integer, List<RankingCandidates>> out = new LinkedHashMap<>();
        for (int k : split.shots()) {
            List<RankingCandidates> c = new ArrayList<>();
            for (UserTask t : split.tests(k)) c.add(RankingCandidates.of(t, longest.get(t.userId()), data.items(), explicit));
            out.put(k, c);
        }
        return out;
    }

    static Map<String, Integer> counts(List<Item> catalogue, Observations observed) {
        Map<String, Integer> c = new HashMap<>();
        for (Item i : catalogue) c.put(i.itemId(), observed.count(i.itemId()));
        return c;
    }

    /** One (method, steps, k) cell: every user's ranking, strict, and warm-up for users with new-item positives. */
    static Scores score(FittedModel fitted, List<RankingCandidates> users, Observations strict, Observations warmUp, int steps,
                        Set<String> newItems, Set<String> head, int catalogueSize) {
        Scores s = new Scores();
        List<List<String>> tops = new ArrayList<>();
        for (RankingCandidates c : users) {
            if (!c.scorable()) continue;
            UserRanking r = UserRanking.of(c, fitted.predict(c.task(), strict, steps), newItems);
            s.add("Recall@10", r.recall10());
            s.add("nDCG@10", r.ndcg10());
            s.addUser("Recall@10", c.task().userId(), r.recall10());
            s.addUser("nDCG@10", c.task().userId(), r.ndcg10());
            s.add("Recall@20", r.recall20());
            tops.add(r.top10());
            if (r.newPositives() == 0) continue;
            s.addNew(STRICT, r);
            s.addNew(WARM_UP, UserRanking.of(c, fitted.predict(c.task(), warmUp, steps), newItems));
        }
        if (!tops.isEmpty()) {
            s.set("coverage@10", CatalogueMetrics.coverage(tops, catalogueSize));
            s.set("long-tail share@10", CatalogueMetrics.longTailShare(tops, head));
        }
        return s;
    }

    /** Per-metric sums over users, then means; new-item metrics per variant; each user's Recall@10 and nDCG@10 (for paired intervals). */
    static final class Scores {
        private final Map<String, double[]> curve = new LinkedHashMap<>();
        private final Map<String, Map<String, Double>> perUser = new LinkedHashMap<>();
        private final Map<String, Map<String, double[]>> newItems = new LinkedHashMap<>();

        void add(String metric, double v) { add(curve, metric, v); }

        void set(String metric, double v) { curve.put(metric, new double[]{v, 1}); }

        void addUser(String metric, String user, double v) { perUser.computeIfAbsent(metric, x -> new LinkedHashMap<>()).put(user, v); }

        void addNew(String variant, UserRanking r) {
            Map<String, double[]> m = newItems.computeIfAbsent(variant, x -> new LinkedHashMap<>());
            if (!Double.isNaN(r.newRecall10())) add(m, "new-item Recall@10", r.newRecall10());
            add(m, "new-item Recall@10 (full catalogue)", r.newRecall10Full());
        }

        private static void add(Map<String, double[]> m, String metric, double v) {
            double[] a = m.computeIfAbsent(metric, x -> new double[2]);
            a[0] += v;
            a[1]++;
        }

        Map<String, Double> means() {
            Map<String, Double> out = new LinkedHashMap<>();
            curve.forEach((k, v) -> out.put(k, v[0] / v[1]));
            return out;
        }

        void report(Results out, String method, int steps, String scenario, long seed) {
            curve.forEach((metric, v) -> out.add(new ResultRow(PROTOCOL, STRICT, scenario, method, steps, metric, seed, v[0] / v[1])));
            perUser.forEach((metric, values) -> values.forEach((user, v) ->
                    out.addUser(new Results.Key(PROTOCOL, STRICT, scenario, method, steps, metric), user, v)));
            newItems.forEach((variant, m) -> m.forEach((metric, v) ->
                    out.add(new ResultRow(NEW_ITEMS, variant, scenario, method, steps, metric, seed, v[0] / v[1]))));
        }
    }
}
