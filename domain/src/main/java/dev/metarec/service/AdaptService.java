package dev.metarec.service;

import dev.metarec.checkpoint.CheckpointFormatException;
import dev.metarec.checkpoint.FastWeightsCodec;
import dev.metarec.features.EncodedEntity;
import dev.metarec.meta.AdaptResult;
import dev.metarec.meta.Batch;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.port.EventStore;
import dev.metarec.port.FastWeightStore;
import dev.metarec.port.FastWeightStore.StoredFastWeights;
import dev.metarec.port.UserProfileStore;
import dev.metarec.port.ItemStatsStore.ItemStats;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Adapts a user: the inner loop (MAML's, Finn et al. ICML 2017) from the champion's meta-parameters on
 * the user's most recent events, recency-weighted, and stores the fast weights tagged with the champion's
 * checkpoint id and a version (optimistic locking: a concurrent adapt never silently overwrites a newer
 * record). The adapted weights are stored or served only when adaptation helped: a non-finite value, or a
 * support loss after the steps above {@link #MAX_LOSS_RATIO} times the prior's (the inner loop diverged, e.g.
 * on extreme targets), stores nothing and the user is served the champion's prior (0 steps); the outcome says
 * so and why ({@code fellBackToPrior}, {@code fallbackReason}).
 */
public final class AdaptService {
    private static final System.Logger LOG = System.getLogger(AdaptService.class.getName());
    private static final int MAX_ATTEMPTS = 5;
    /**
     * Adapted weights whose weighted support loss exceeds the prior's by more than this factor are rejected
     * as diverged. Gradient steps on the support set itself should lower that loss; 1.5 leaves room for the
     * noise of a large inner learning rate and none for a run-away.
     */
    public static final double MAX_LOSS_RATIO = 1.5;

    /**
     * The outcome of one adaptation. {@code version} is the stored record's (0 when nothing is stored). When
     * {@code fellBackToPrior}, {@code steps} is 0, {@code lossAfter} equals {@code lossBefore} (the prior's
     * support loss, NaN if that is not finite either), {@code fast} is the prior and {@code fallbackReason} says why.
     */
    public record Outcome(String userId, String checkpointId, long version, int steps, int supportSize, double lossBefore,
                          double lossAfter, boolean stored, boolean fellBackToPrior, String fallbackReason, double[] fast) {}

    private final ChampionCache champion;
    private final CatalogueIndex catalogue;
    private final EventStore events;
    private final UserProfileStore profiles;
    private final FastWeightStore fastWeights;
    private final FastWeightsCodec codec;
    private final SupportSets supports;
    private final ServiceSettings settings;

    public AdaptService(ChampionCache champion, CatalogueIndex catalogue, EventStore events, UserProfileStore profiles,
                        FastWeightStore fastWeights, FastWeightsCodec codec, ServiceSettings settings) {
        this.champion = champion;
        this.catalogue = catalogue;
        this.events = events;
        this.profiles = profiles;
        this.fastWeights = fastWeights;
        this.codec = codec;
        this.supports = new SupportSets(settings);
        this.settings = settings;
    }

    public Outcome adapt(String userId, Instant now) {
        ServingModel model = champion.require(now);
        UserState user = UserState.load(userId, profiles, events, settings.seenLimit());
        return adapt(model, user, catalogue.snapshot(model, now), catalogue.stats(now), now);
    }

    /** Adapts an already loaded user and stores the result (when there are events and it is finite). */
    Outcome adapt(ServingModel model, UserState user, CatalogueIndex.Snapshot cat, Map<String, ItemStats> stats, Instant now) {
        if (!user.hasEvents()) return new Outcome(user.userId(), model.checkpointId(), 0, 0, 0, Double.NaN, Double.NaN, false, false, null, model.prior());
        EncodedEntity u = model.encodeUser(user.profile());
        Batch support = supports.build(model, u, user.recent(), cat, stats, user.seen());
        Adapted a = adaptOrPrior(model, support);
        if (a.fallbackReason() != null) return fallBack(model, user, support.size(), a.priorLoss(), a.fallbackReason());
        AdaptResult r = a.result();
        byte[] weights;
        try {
            weights = codec.encode(model.network().fastLayout(), model.meta(), r.fast());
        } catch (IllegalArgumentException e) {  // weights too far from the meta-parameters for the quantiser's block scales
            return fallBack(model, user, support.size(), r.lossBefore(), "adapted weights not storable: " + e.getMessage());
        }
        long version = store(model, user, new FastWeightsPayload(user.eventCount(), weights).encode(), now);
        return new Outcome(user.userId(), model.checkpointId(), Math.abs(version), r.steps(), support.size(), r.lossBefore(), r.lossAfter(),
                version > 0, false, null, r.fast());
    }

    /** The inner loop's result, or why the prior must be used instead (then {@code result} is null). */
    record Adapted(AdaptResult result, String fallbackReason, double priorLoss) {
        double[] fast(ServingModel model) { return result == null ? model.prior() : result.fast(); }
    }

    /** Adapts the champion's meta-parameters on {@code support}; a non-finite or diverged result says why the prior serves instead. */
    static Adapted adaptOrPrior(ServingModel model, Batch support) {
        AdaptResult r;
        try {
            r = model.innerLoop().adapt(model.meta(), support);
        } catch (NonFiniteException e) {
            return new Adapted(null, "adaptation became non-finite: " + e.getMessage(), Double.NaN);
        }
        String diverged = diverged(r);
        return diverged == null ? new Adapted(r, null, r.lossBefore()) : new Adapted(null, diverged, r.lossBefore());
    }

    /** Why the adapted weights must not be used (null when they may): non-finite loss, or a loss above the prior's by the margin. */
    static String diverged(AdaptResult r) {
        if (!Double.isFinite(r.lossBefore()) || !Double.isFinite(r.lossAfter()))
            return "support loss not finite (" + r.lossBefore() + " -> " + r.lossAfter() + ")";
        if (r.lossAfter() > MAX_LOSS_RATIO * r.lossBefore() + 1e-12)
            return "adaptation diverged: support loss " + r.lossBefore() + " -> " + r.lossAfter() + " after " + r.steps()
                    + " steps, more than " + MAX_LOSS_RATIO + " times the prior's";
        return null;
    }

    private Outcome fallBack(ServingModel model, UserState user, int supportSize, double priorLoss, String reason) {
        LOG.log(System.Logger.Level.WARNING, "adaptation rejected, serving the champion's prior: " + reason);  // no user id in logs
        double loss = Double.isFinite(priorLoss) ? priorLoss : Double.NaN;
        return new Outcome(user.userId(), model.checkpointId(), 0, 0, supportSize, loss, loss, false, true, reason, model.prior());
    }

    /**
     * Compare-and-set loop: writes version n+1 over the version n just read, unless the stored record is
     * already for this champion and at least as fresh (then it is kept). Returns the stored version, or
     * minus the version of the fresher record that was kept.
     */
    private long store(ServingModel model, UserState user, byte[] payload, Instant now) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<StoredFastWeights> existing = fastWeights.find(user.userId());
            long v = existing.map(StoredFastWeights::version).orElse(0L);
            if (existing.isPresent() && existing.get().checkpointId().equals(model.checkpointId())
                    && eventCount(existing.get()) > user.eventCount()) return -v;
            try {
                if (fastWeights.put(new StoredFastWeights(user.userId(), model.checkpointId(), v + 1, payload, now), v)) return v + 1;
            } catch (FastWeightStore.ErasureInProgressException e) {
                return 0;   // the user is being erased: these weights may come from erased events; serve them, store nothing
            }
        }
        throw new dev.metarec.port.ConflictException("the user's fast weights kept changing during " + MAX_ATTEMPTS + " attempts; try again");
    }

    private static long eventCount(StoredFastWeights w) {
        try {
            return FastWeightsPayload.decode(w.payload()).eventCount();
        } catch (CheckpointFormatException e) {
            return -1;
        }
    }
}
