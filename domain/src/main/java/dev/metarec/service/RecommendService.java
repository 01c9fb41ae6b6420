package dev.metarec.service;

import dev.metarec.checkpoint.CheckpointFormatException;
import dev.metarec.checkpoint.FastWeightsCodec;
import dev.metarec.features.EncodedEntity;
import dev.metarec.math.Vectors;
import dev.metarec.model.Item;
import dev.metarec.port.EventStore;
import dev.metarec.port.FastWeightStore;
import dev.metarec.port.FastWeightStore.StoredFastWeights;
import dev.metarec.port.ItemStatsStore.ItemStats;
import dev.metarec.port.UserProfileStore;
import dev.metarec.service.Recommendation.Mode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Top-K recommendations. The user's weights: stored fast weights of the current champion made on the
 * user's current events; else adapted now and stored (missing, stale, or made for an older champion);
 * a user without events is scored zero-shot from their attributes with the champion's prior, and one
 * with neither events nor attributes by popularity. Filters (exclusions, seen items, categories,
 * candidate list) are applied before ranking, so a filtered item can never appear, not even as backfill.
 * New items (few interactions) get a share of the slots when exploration is asked for. The order is the checkpoint's
 * {@link dev.metarec.rank.RankBlend} of the network's score, the popularity prior and the neighbours of the user's
 * positive events ({@link RankSignals}), its first ten calibrated to the genres of the user's liked items
 * ({@link Calibration}); the score shown is the network's prediction.
 */
public final class RecommendService {
    private final ChampionCache champion;
    private final CatalogueIndex catalogue;
    private final EventStore events;
    private final UserProfileStore profiles;
    private final FastWeightStore fastWeights;
    private final FastWeightsCodec codec;
    private final AdaptService adapt;
    private final ServiceSettings settings;
    private final Supplier<String> ids;
    private final Ranking ranking;
    private final SupportSets supports;

    public RecommendService(ChampionCache champion, CatalogueIndex catalogue, EventStore events, UserProfileStore profiles,
                            FastWeightStore fastWeights, FastWeightsCodec codec, AdaptService adapt, ServiceSettings settings,
                            Supplier<String> recommendationIds) {
        this.champion = champion;
        this.catalogue = catalogue;
        this.events = events;
        this.profiles = profiles;
        this.fastWeights = fastWeights;
        this.codec = codec;
        this.adapt = adapt;
        this.settings = settings;
        this.ids = recommendationIds;
        this.ranking = new Ranking(settings);
        this.supports = new SupportSets(settings);
    }

    /** The statistics of the last request's snapshot and statistics read: the next request reuses it while both stay. */
    private volatile ItemStatsView statsView;

    public Recommendation recommend(RecommendCommand cmd, Instant now) {
        ServingModel model = champion.require(now);
        UserState user = UserState.load(cmd.userId(), profiles, events, settings.seenLimit());
        CatalogueIndex.Snapshot cat = catalogue.snapshot(model, now);
        Map<String, ItemStats> stats = catalogue.stats(now);
        Weights w = weights(model, user, cat, stats, now);
        EncodedEntity u = model.encodeUser(user.profile());
        int[] eligible = ranking.eligible(cmd, cat, user);
        ItemStatsView view = ItemStatsView.current(statsView, cat, stats, now);
        statsView = view;
        Served served = serve(ranking, supports, settings, model, w, u, user.recent(), view, eligible, cmd.k());
        w = served.weights();
        double[] scores = served.scores(), order = served.order();
        boolean popular = w.mode == Mode.ZERO_SHOT && user.profile().attributes().values().isEmpty();
        Mode mode = popular ? Mode.POPULAR : w.mode;
        List<Recommendation.RecommendedItem> items = ranking.select(model, w.fast, u, view, eligible, order, scores, served.itemOffsets(),
                served.base(), served.estimated(), cmd, popular);
        return new Recommendation(ids.get(), cmd.userId(), model.checkpointId(), mode, items);
    }

    record Weights(double[] fast, Mode mode) {}

    /**
     * What a user is served with, the scores of the eligible items, their order scores, the item offsets and the base
     * (the prior's calibration or 0) in the scores, and whether some scores are first-stage estimates.
     */
    record Served(Weights weights, double[] scores, double[] order, double[] itemOffsets, double base, boolean estimated) {}

    /**
     * Scores {@code eligible} with the weights {@code w} (the prior's calibration added for a zero-shot or fallen-back
     * user; non-finite scores fall back to the prior), then orders them by the champion's {@link dev.metarec.rank.RankBlend}
     * for the user's most recent {@code adaptWindow} events, the first {@code listSize} (the items the caller asked for)
     * calibrated ({@link Calibration}). Shared by recommend and {@link OfflineServing}.
     */
    static Served serve(Ranking ranking, SupportSets supports, ServiceSettings settings, ServingModel model, Weights w, EncodedEntity u,
                        List<dev.metarec.model.Event> recentNewestFirst, ItemStatsView stats, int[] eligible, int listSize) {
        CatalogueIndex.Snapshot cat = stats.snapshot();
        double[] offsets = ranking.itemOffsets(model, stats, eligible);
        int exact = settings.exactScored(eligible.length);
        double base = w.mode == Mode.ZERO_SHOT || w.mode == Mode.PRIOR_FALLBACK ? model.priorOffset() : 0.0;
        Ranking.Scored scored = Ranking.score(model, w.fast, u, cat, eligible, offsets, base, exact);
        if (!allFinite(scored.scores()) && w.mode != Mode.ZERO_SHOT) {
            w = new Weights(model.prior(), Mode.PRIOR_FALLBACK);
            base = model.priorOffset();
            scored = Ranking.score(model, w.fast, u, cat, eligible, offsets, base, exact);
        }
        double[] scores = scored.scores();
        List<dev.metarec.model.Event> support = recentNewestFirst.subList(0, Math.min(recentNewestFirst.size(), settings.adaptWindow()));
        double[] popularity = RankSignals.popularity(stats, eligible);
        Map<String, Double> liked = RankSignals.positiveItems(support, supports);
        RankSignals.Layout layout = stats.layout(model.rank());
        RankSignals.NeighbourScores near = RankSignals.neighbours(model.rank(), liked, cat, layout, eligible);
        double[] encoder = RankSignals.encoder(model.rank().encoder(), support, layout.encoderRows(), eligible, liked, model.adaptSteps());
        double[] prior = RankSignals.NETWORK_DELTA && w.mode != Mode.ZERO_SHOT   // trial: the blend reads what adaptation changed
                ? Ranking.score(model, model.prior(), u, cat, eligible, offsets, base, exact).scores() : null;
        double[] order = RankSignals.order(model.rank(), support.size(), RankSignals.network(scores, prior), popularity, near.neighbours(), encoder, near.forward());
        // two stages: the blend may lift an item the first stage only estimated (a popular one, a neighbour) into the top;
        // the top of the blended order is scored exactly too, then blended again
        if (scored.exact() != null && Ranking.rescore(model, w.fast, u, cat, eligible, offsets, base, scored, Vectors.largest(order, settings.rerankSize())))
            order = RankSignals.order(model.rank(), support.size(), RankSignals.network(scores, prior), popularity, near.neighbours(), encoder, near.forward());
        if (!allFinite(scores)) throw new ArithmeticException("champion " + model.checkpointId() + " produced a non-finite score for this user");
        order = Calibration.rerank(Calibration.LAMBDA, Calibration.AVOID, order, eligible, cat.items(), cat.position(), liked,
                RankSignals.dislikedItems(support, supports), settings.categoryAttribute(), listSize);
        return new Served(w, scores, order, offsets, base, scored.exact() != null);
    }

    private Weights weights(ServingModel model, UserState user, CatalogueIndex.Snapshot cat, Map<String, ItemStats> stats, Instant now) {
        if (!user.hasEvents()) return new Weights(model.prior(), Mode.ZERO_SHOT);
        Optional<double[]> stored = fastWeights.find(user.userId()).flatMap(r -> usable(model, user, r));
        if (stored.isPresent()) return new Weights(stored.get(), Mode.STORED);
        AdaptService.Outcome o = adapt.adapt(model, user, cat, stats, now);
        return new Weights(o.fast(), o.fellBackToPrior() ? Mode.PRIOR_FALLBACK : Mode.ADAPTED);
    }

    /** The stored weights when made by this champion on the user's current events, decodable and finite. */
    private Optional<double[]> usable(ServingModel model, UserState user, StoredFastWeights r) {
        if (!r.checkpointId().equals(model.checkpointId())) return Optional.empty();
        try {
            FastWeightsPayload p = FastWeightsPayload.decode(r.payload());
            if (p.eventCount() != user.eventCount()) return Optional.empty();
            double[] fast = codec.decode(p.weights(), model.network().fastLayout(), model.meta());
            return allFinite(fast) ? Optional.of(fast) : Optional.empty();
        } catch (CheckpointFormatException | IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    static boolean allFinite(double[] v) {
        for (double x : v) if (!Double.isFinite(x)) return false;
        return true;
    }

    /** Items of the current catalogue snapshot, for callers that need to resolve ids. */
    public List<Item> catalogue(Instant now) { return new ArrayList<>(catalogue.snapshot(champion.require(now), now).items()); }
}
