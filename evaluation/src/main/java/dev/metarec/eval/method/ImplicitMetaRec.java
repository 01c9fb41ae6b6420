package dev.metarec.eval.method;

import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.meta.Batch;
import dev.metarec.meta.Learner;
import dev.metarec.meta.MetaTrainConfig;
import dev.metarec.meta.MetaTrainState;
import dev.metarec.meta.MetaTrainer;
import dev.metarec.meta.Task;
import dev.metarec.model.Item;
import dev.metarec.nn.Objective;
import dev.metarec.nn.Params;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * metarec's implicit-feedback model for ranking: the same network with the logistic objective, every
 * event a positive and as many uniformly sampled unseen items negatives (negative sampling as in
 * Rendle et al., BPR, UAI 2009, but pointwise), meta-trained with a learner on the training users'
 * tasks. The score offset is log(1 + observations of the item), so the network learns a personal
 * correction to popularity. Scores rank items; they are not ratings.
 */
public final class ImplicitMetaRec implements RatingMethod {
    private final Learner learner;
    private final NetworkSettings settings;

    public ImplicitMetaRec(Learner learner, NetworkSettings settings) {
        this.learner = learner;
        this.settings = settings;
    }

    @Override public String name() { return "metarec implicit (" + MetaRecMethod.label(learner).replace("metarec ", "") + ", logistic)"; }

    @Override public FittedModel fit(TrainingData data, Progress progress) {
        NetworkEncoding enc = new NetworkEncoding(data, settings, Objective.LOGISTIC, (item, obs) -> Math.log1p(obs.count(item.itemId())));
        List<Item> catalogue = data.dataset().items();
        List<Task<Batch>> tasks = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(data.seed());
        for (UserTask t : data.split().train()) {
            Set<String> seen = new HashSet<>();
            t.all().forEach(r -> seen.add(r.itemId()));
            tasks.add(new Task<>(t.userId(), batch(enc, t, t.support(), seen, catalogue, data.observed(), rng),
                    batch(enc, t, t.query(), seen, catalogue, data.observed(), rng)));
        }
        int k = data.budget().innerSteps();
        MetaTrainConfig config = MetaTrainConfig.defaults(learner).withInnerSteps(k).withInnerLr(settings.innerLr())
                .withMetaLr(settings.outerLr()).withMetaBatchSize(Math.min(settings.metaBatchSize(), tasks.size()))
                .withThreads(data.budget().threads()).withSeed(data.seed());
        int total = Math.max(1, tasks.size() * data.budget().epochs() / config.metaBatchSize());
        progress.start(name(), total);
        Params meta;
        try (MetaTrainer<Batch> trainer = new MetaTrainer<>(enc.network(), config)) {
            MetaTrainState state = trainer.train(MetaTrainState.initial(enc.network().initialise(data.seed())), tasks, total,
                    r -> progress.advance(r.step(), String.format(java.util.Locale.ROOT, "log-loss %.3f", r.queryLoss())));
            meta = state.params();
        }
        progress.finish();
        Params trained = meta;
        return new FittedModel() {
            @Override public List<Integer> stepCounts() { return AdaptingModel.stepSweep(k).stream().filter(s -> s == 0 || s == k).toList(); }

            @Override public boolean predictsRatings() { return false; }

            @Override public double[] predict(UserTask task, Observations observed, int steps) {
                double[] fast = enc.network().fastLayout().gather(trained);
                if (steps > 0 && !task.support().isEmpty()) {
                    Set<String> seen = new HashSet<>();
                    task.support().forEach(r -> seen.add(r.itemId()));
                    SplittableRandom r = new SplittableRandom(task.userId().hashCode() * 31L + steps);
                    Batch support = batch(enc, task, task.support(), seen, catalogue, observed, r);
                    fast = new dev.metarec.meta.InnerLoop<>(enc.network(), steps, settings.innerLr()).adapt(trained, support).fast();
                }
                return enc.predict(trained, fast, task, observed);
            }
        };
    }

    /** The events as positives (target 1) followed by as many sampled unseen items as negatives (target 0). */
    private static Batch batch(NetworkEncoding enc, UserTask t, List<Rated> events, Set<String> seen, List<Item> catalogue,
                               Observations observed, SplittableRandom rng) {
        List<Rated> rows = new ArrayList<>();
        for (Rated r : events) rows.add(new Rated(r.item(), 1, r.time()));
        for (int n = 0, tries = 0; n < events.size() && tries < 50 * events.size(); tries++) {
            Item candidate = catalogue.get(rng.nextInt(catalogue.size()));
            if (seen.contains(candidate.itemId())) continue;
            rows.add(new Rated(candidate, 0, events.isEmpty() ? java.time.Instant.EPOCH : events.get(0).time()));
            n++;
        }
        return enc.batch(t.user(), rows, observed);
    }
}
