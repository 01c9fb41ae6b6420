package dev.metarec.eval.method;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.eval.metrics.RankingMetrics;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.UserProfile;
import dev.metarec.port.ItemStatsStore.ItemStats;
import dev.metarec.service.MetaTrainSettings;
import dev.metarec.service.OfflineServing;
import dev.metarec.service.OfflineTraining;
import dev.metarec.service.ServiceSettings;
import dev.metarec.service.TrainingGuards;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code /recommend} serves, measured: production's meta-training run ({@link OfflineTraining}: the same window,
 * model design, learner, calibration and rank prior as the scheduled job, with production's settings) on every
 * training user's events before the cut-off, then production's on-the-fly recommend path ({@link OfflineServing}:
 * adaptation, network scores, the blend of network, popularity, neighbours and support-set encoder). Its internal validation users (a hash
 * of the user id, as in production) choose the blend; the split's validation and test users are never seen in training.
 * <p>
 * The one input production has and the evaluation builds differently: item statistics. Here an item's count is its
 * number of interactions in the variant's observations (strict: the training period; warm-up: plus the test users'
 * supports), with a residual sum of 0 (as the local demo's bulk load writes), so the warm-up offset is 0 and the
 * popularity prior is the observed count. Scores are order scores, not ratings ({@link #predictsRatings} is false).
 * Used by the ranking protocol only: the training users' events are taken up to the latest time in its histories.
 */
public final class ServedMetaRec implements RatingMethod {
    private static final System.Logger LOG = System.getLogger(ServedMetaRec.class.getName());
    /**
     * Each user is ranked as a request for 20 items is served: the longest list the ranking protocol reads (Recall@20).
     * Its first ten are a request for ten's (the calibration's pages of ten).
     */
    static final int LIST_SIZE = 20;
    /**
     * When set (a fraction of the catalogue, e.g. 0.01), users are served with two-stage scoring that scores that fraction
     * of the catalogue exactly per round ({@link ServiceSettings#withScoring}), so the summary measures what a large
     * catalogue is served; each user served at the served number of steps is also served exhaustively and the overlap of
     * the two top 10s is logged. With the same seeds, the difference to a run without it is the first stage's recall loss
     * on a trained model. Run with {@code -Deval.jvm=-Dmetarec.eval.firstStageCheck=0.01}. {@code served} instead of a
     * fraction keeps production's scoring ({@link ServiceSettings#exactScored}) and compares it with every item scored
     * exactly: the summary is production's, and the log gives the overlap with exhaustive scoring.
     */
    static final String FIRST_STAGE_CHECK = "metarec.eval.firstStageCheck";
    private final MetaTrainSettings training;
    private final ServiceSettings serving;

    public ServedMetaRec(MetaTrainSettings training, ServiceSettings serving) {
        this.training = training;
        this.serving = serving;
    }

    /** Production's settings: the MeLU-size model of the scheduled job, the default serving settings. */
    public static ServedMetaRec production() { return new ServedMetaRec(MetaTrainSettings.DEFAULT, ServiceSettings.DEFAULT); }

    @Override public String name() { return "metarec served"; }

    @Override public FittedModel fit(TrainingData data, Progress progress) {
        Set<String> users = new HashSet<>();
        data.split().train().forEach(t -> users.add(t.userId()));
        Instant last = Instant.MIN;
        for (List<Rated> h : data.histories()) for (Rated r : h) if (r.time().isAfter(last)) last = r.time();
        List<Event> events = new ArrayList<>();
        for (Event e : data.dataset().events()) if (users.contains(e.userId()) && !e.timestamp().isAfter(last)) events.add(e);
        Map<String, UserProfile> profiles = new HashMap<>(data.dataset().usersById());
        Checkpoint champion = OfflineTraining.train("eval-" + data.seed(), events, data.dataset().items(), profiles,
                training.withSeed(data.seed()).withThreads(data.budget().threads()), serving, TrainingGuards.DEFAULT, last);
        boolean explicit = data.dataset().explicit();
        Map<Integer, OfflineServing> bySteps = new HashMap<>();
        String check = System.getProperty(FIRST_STAGE_CHECK);
        ServiceSettings served = serving;
        OfflineServing exhaustive = null;
        if (check != null) {
            exhaustive = new OfflineServing(champion, serving.withScoring(Integer.MAX_VALUE, serving.rerankSize()), data.dataset().items());
            if (!"served".equals(check)) {
                int rerank = Math.max(1, (int) Math.ceil(Double.parseDouble(check) * data.dataset().items().size()));
                served = serving.withScoring(rerank, rerank);
            }
        }
        for (int steps : List.of(0, serving.adaptSteps())) bySteps.put(steps, new OfflineServing(champion, served.withAdaptSteps(steps), data.dataset().items()));
        return new Fitted(champion, bySteps, explicit, exhaustive);
    }

    /** The trained champion and the recommend path at 0 and at the served number of adaptation steps. */
    public final class Fitted implements FittedModel {
            private final Checkpoint champion;
            private final Map<Integer, OfflineServing> bySteps;
            private final boolean explicit;
            private Observations lastObserved;
            private Map<String, ItemStats> lastStats;
            private final OfflineServing exhaustive;
            private final java.util.concurrent.atomic.DoubleAdder overlap = new java.util.concurrent.atomic.DoubleAdder();
            private final java.util.concurrent.atomic.LongAdder compared = new java.util.concurrent.atomic.LongAdder();

            Fitted(Checkpoint champion, Map<Integer, OfflineServing> bySteps, boolean explicit, OfflineServing exhaustive) {
                this.champion = champion;
                this.bySteps = bySteps;
                this.explicit = explicit;
                this.exhaustive = exhaustive;
            }

            /** The checkpoint production would have promoted from this training data. */
            public Checkpoint champion() { return champion; }

            @Override public List<Integer> stepCounts() { return List.of(0, serving.adaptSteps()); }

            @Override public boolean predictsRatings() { return false; }

            @Override public double[] predict(UserTask task, Observations observed, int steps) {
                OfflineServing s = bySteps.get(steps);
                if (s == null) throw new IllegalArgumentException("steps must be one of " + bySteps.keySet() + ", was " + steps);
                List<Event> newestFirst = new ArrayList<>();
                List<Rated> support = task.support();
                for (int i = support.size() - 1; i >= 0; i--) {
                    Rated r = support.get(i);
                    newestFirst.add(new Event("s" + i, task.userId(), r.itemId(), explicit ? EventType.RATING : EventType.CLICK,
                            explicit ? r.value() : null, r.time()));
                }
                List<String> candidates = task.query().stream().map(Rated::itemId).toList();
                double[] order = s.score(task.user(), newestFirst, stats(observed), candidates, observed.latest(), LIST_SIZE).order();
                if (exhaustive != null && steps == serving.adaptSteps())
                    compareTopTen(exhaustive.score(task.user(), newestFirst, stats(observed), candidates, observed.latest(), LIST_SIZE).order(), order);
                return order;
            }

            /** Adds the share of {@code exhaustive}'s top 10 that {@code twoStage}'s top 10 holds; logs the running mean. */
            private void compareTopTen(double[] exhaustive, double[] twoStage) {
                Set<Integer> a = new HashSet<>();
                for (int i : RankingMetrics.top(exhaustive, 10)) a.add(i);
                int n = a.size(), hits = 0;
                for (int i : RankingMetrics.top(twoStage, 10)) if (a.contains(i)) hits++;
                overlap.add(hits / (double) Math.max(1, n));
                compared.increment();
                long c = compared.sum();
                if (c % 200 == 0) LOG.log(System.Logger.Level.INFO, String.format("first-stage check: top-10 overlap with exhaustive scoring %.5f over %d users", overlap.sum() / c, c));
            }

            private synchronized Map<String, ItemStats> stats(Observations observed) {
                if (observed != lastObserved) {
                    Map<String, ItemStats> m = new HashMap<>();
                    for (String id : observed.items()) m.put(id, new ItemStats(id, observed.count(id), 0.0, explicit ? observed.positives(id) : observed.count(id),
                            explicit ? observed.recentPositives(id) : observed.recentCount(id)));
                    lastStats = m;
                    lastObserved = observed;
                }
                return lastStats;
            }
    }
}
