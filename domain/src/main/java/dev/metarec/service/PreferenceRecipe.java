package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.checkpoint.CheckpointMetadata;
import dev.metarec.features.EncodedEntity;
import dev.metarec.features.FeatureSpace;
import dev.metarec.meta.Batch;
import dev.metarec.meta.Task;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.Objective;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The recipe of the {@link PreferenceNetwork} (MeLU-class, one {@link Batch} of examples per support or
 * query set). Tasks: a user's most recent events are the query set, the events before them (up to the
 * serving window, newest first and recency-weighted as at serving time) the support set, both built by
 * {@link SupportSets} exactly as serving builds a support set: every example's offset is its item's baseline from the
 * starting checkpoint ({@link ItemBaselines}), so the network learns what the items' baselines do not say.
 */
final class PreferenceRecipe implements TrainingRecipe<Batch> {
    private final Checkpoint start;
    private final PreferenceNetwork network;
    private final CatalogueIndex.Snapshot catalogue;
    private final SupportSets sets;
    private final MetaTrainSettings settings;
    private final ServiceSettings serving;

    PreferenceRecipe(Checkpoint start, List<Item> items, MetaTrainSettings settings, ServiceSettings serving) {
        this.start = start;
        this.network = start.network();
        start.requireLayout(network.layout());
        this.catalogue = CatalogueIndex.Snapshot.of("training", 0, items, start.features());
        this.sets = new SupportSets(serving);
        this.settings = settings;
        this.serving = serving;
    }

    @Override public Checkpoint start() { return start; }

    @Override public PreferenceNetwork model() { return network; }

    private Objective objective() { return start.config().objective(); }

    @Override
    public Optional<Task<Batch>> task(String userId, List<Event> ev, UserProfile profile) {
        if (ev.size() < settings.minEvents()) return Optional.empty();
        int q = Math.max(1, Math.min(settings.maxQuery(), (int) Math.round(ev.size() * settings.queryFraction())));
        List<Event> support = new ArrayList<>(ev.subList(Math.max(0, ev.size() - q - serving.adaptWindow()), ev.size() - q));
        Collections.reverse(support);
        List<Event> query = new ArrayList<>(ev.subList(ev.size() - q, ev.size()));
        Collections.reverse(query);
        Set<String> seen = new HashSet<>();
        for (Event x : ev) seen.add(x.itemId());
        FeatureSpace features = start.features();
        EncodedEntity u = features.encodeUser(profile);
        Batch sb = sets.build(objective(), features, start.rank().baseline(), u, support, catalogue, Map.of(), seen);
        Batch qb = sets.build(objective(), features, start.rank().baseline(), u, query, catalogue, Map.of(), seen);
        return sb.size() > 0 && qb.size() > 0 ? Optional.of(new Task<>(userId, sb, qb)) : Optional.empty();
    }

    /** The range of the squared-error targets; none for the implicit objectives. */
    @Override
    public Optional<TargetRange> targetRange(Iterable<Event> events) {
        if (objective() != Objective.SQUARED_ERROR) return Optional.empty();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Event e : events) {
            double t = sets.target(e, objective());
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        return lo <= hi ? Optional.of(new TargetRange(lo, hi)) : Optional.empty();
    }

    @Override
    public Checkpoint finish(Params trained, long steps, double validationLoss, List<Task<Batch>> leadingTrainingTasks,
                             Optional<TargetRange> range, Instant now) {
        Map<String, Double> metrics = new TreeMap<>();
        if (Double.isFinite(validationLoss)) metrics.put("val.loss", validationLoss);
        metrics.put(ServingModel.PRIOR_OFFSET, priorOffset(trained, leadingTrainingTasks));
        range.ifPresent(r -> { metrics.put(ServingModel.MIN_TARGET, r.lo()); metrics.put(ServingModel.MAX_TARGET, r.hi()); });
        return new Checkpoint(start.checkpointId(), start.config(), start.features(), trained,
                CheckpointMetadata.of(now, settings.learner().name().toLowerCase(Locale.ROOT), steps, metrics), start.rank());
    }

    /**
     * What the prior (no adaptation) misses on average, so zero-shot scores and the item residuals of
     * {@link ItemWarmUp} are measured against a calibrated baseline: the mean of target - score over
     * training users' query examples (squared error), or the logit difference of the mean target and the
     * mean predicted probability (implicit objectives). MAML's initialisation is optimised to adapt well,
     * not to predict well unadapted, so this is often far from 0.
     */
    private double priorOffset(Params params, List<Task<Batch>> tasks) {
        double[] prior = network.fastLayout().gather(params);
        double sumTarget = 0, sumPrediction = 0, n = 0;
        for (Task<Batch> t : tasks) {
            for (var e : t.query().examples()) {
                double score = network.score(params, prior, t.query().user(), e.item(), e.offset());
                sumTarget += e.target();
                sumPrediction += network.prediction(score);
                n++;
            }
            if (n > 5000) break;
        }
        if (n == 0) return 0.0;
        double offset;
        if (objective() == Objective.SQUARED_ERROR) offset = (sumTarget - sumPrediction) / n;
        else offset = logit(sumTarget / n) - logit(sumPrediction / n);
        return Double.isFinite(offset) ? offset : 0.0;
    }

    private static double logit(double p) {
        double q = Math.min(1 - 1e-4, Math.max(1e-4, p));
        return Math.log(q / (1 - q));
    }
}
