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
 * record). A non-finite value during adaptation stores nothing: the user falls back to the champion's prior.
 */
public final class AdaptService {
    private static final System.Logger LOG = System.getLogger(AdaptService.class.getName());
    private static final int MAX_ATTEMPTS = 5;

    /** The outcome of one adaptation. {@code version} is the stored record's (0 when nothing is stored). */
    public record Outcome(String userId, String checkpointId, long version, int steps, int supportSize, double lossBefore,
                          double lossAfter, boolean stored, boolean fellBackToPrior, double[] fast) {}

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
        return adapt(model, user, catalogue.snapshot(model), catalogue.stats(now), now);
    }

    /** Adapts an already loaded user and stores the result (when there are events and it is finite). */
    Outcome adapt(ServingModel model, UserState user, CatalogueIndex.Snapshot cat, Map<String, ItemStats> stats, Instant now) {
        if (!user.hasEvents()) return new Outcome(user.userId(), model.checkpointId(), 0, 0, 0, Double.NaN, Double.NaN, false, false, model.prior());
        EncodedEntity u = model.encodeUser(user.profile());
        Batch support = supports.build(model, u, user.recent(), cat, stats, user.seen());
        AdaptResult r;
        byte[] weights;
        try {
            r = model.innerLoop().adapt(model.meta(), support);
            weights = codec.encode(model.network().fastLayout(), model.meta(), r.fast());
        } catch (NonFiniteException e) {
            LOG.log(System.Logger.Level.WARNING, "adaptation of user " + user.userId() + " became non-finite; serving the champion's prior: " + e.getMessage());
            return new Outcome(user.userId(), model.checkpointId(), 0, 0, support.size(), Double.NaN, Double.NaN, false, true, model.prior());
        }
        long version = store(model, user, new FastWeightsPayload(user.eventCount(), weights).encode(), now);
        return new Outcome(user.userId(), model.checkpointId(), Math.abs(version), r.steps(), support.size(), r.lossBefore(), r.lossAfter(),
                version > 0, false, r.fast());
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
            if (fastWeights.put(new StoredFastWeights(user.userId(), model.checkpointId(), v + 1, payload, now), v)) return v + 1;
        }
        throw new dev.metarec.port.ConflictException("fast weights of user " + user.userId() + " kept changing during " + MAX_ATTEMPTS + " attempts");
    }

    private static long eventCount(StoredFastWeights w) {
        try {
            return FastWeightsPayload.decode(w.payload()).eventCount();
        } catch (CheckpointFormatException e) {
            return -1;
        }
    }
}
