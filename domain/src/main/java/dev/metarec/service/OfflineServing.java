package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.features.EncodedEntity;
import dev.metarec.meta.Batch;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.port.ItemStatsStore.ItemStats;
import dev.metarec.service.Recommendation.Mode;
import dev.metarec.service.RecommendService.Served;
import dev.metarec.service.RecommendService.Weights;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores candidates for a user exactly as {@link RecommendService} does when it adapts the user on the fly (no stored
 * fast weights), with no stores: the champion, the catalogue and the item statistics are given. The evaluation tool
 * ranks with it, so what it measures is what {@code /recommend} serves. Thread-safe.
 */
public final class OfflineServing {
    private final ServingModel model;
    private final ServiceSettings settings;
    private final Ranking ranking;
    private final SupportSets supports;
    private final CatalogueIndex.Snapshot catalogue;
    /** The last call's statistics by position: the evaluation scores many users with the same statistics read. */
    private volatile ItemStatsView statsView;

    public OfflineServing(Checkpoint champion, ServiceSettings settings, Collection<Item> catalogue) {
        this.model = new ServingModel(champion, settings.adaptSteps());
        this.settings = settings;
        this.ranking = new Ranking(settings);
        this.supports = new SupportSets(settings);
        this.catalogue = CatalogueIndex.Snapshot.of(model, 0, List.copyOf(catalogue));
    }

    /**
     * The served order scores ({@code order}, higher first) and the network's scores of {@code candidates} (catalogue item
     * ids) for a user with {@code profile} and {@code newestFirst} events, served at {@code now} (the time the recent
     * likes in {@code stats} are read at, {@link ItemStatsView}), as a request for {@code listSize} items orders them (the
     * first {@code listSize} calibrated; the first ten are the same for any list size).
     */
    public record Scores(double[] order, double[] network, Mode mode) {}

    public Scores score(UserProfile profile, List<Event> newestFirst, Map<String, ItemStats> stats, List<String> candidates, Instant now,
                        int listSize) {
        int[] eligible = new int[candidates.size()];
        for (int i = 0; i < eligible.length; i++) {
            Integer p = catalogue.position().get(candidates.get(i));
            if (p == null) throw new IllegalArgumentException("candidate " + candidates.get(i) + " is not in the catalogue");
            eligible[i] = p;
        }
        EncodedEntity u = model.encodeUser(profile);
        Weights w;
        if (newestFirst.isEmpty()) {
            w = new Weights(model.prior(), Mode.ZERO_SHOT);
        } else {
            Set<String> seen = new HashSet<>();
            newestFirst.forEach(e -> seen.add(e.itemId()));
            Batch support = supports.build(model, u, newestFirst, catalogue, stats, seen);
            AdaptService.Adapted a = AdaptService.adaptOrPrior(model, support);
            w = new Weights(a.fast(model), a.fallbackReason() == null ? Mode.ADAPTED : Mode.PRIOR_FALLBACK);
        }
        ItemStatsView view = ItemStatsView.current(statsView, catalogue, stats, now);
        statsView = view;
        Served s = RecommendService.serve(ranking, supports, settings, model, w, u, newestFirst, view, eligible, listSize);
        return new Scores(s.order(), s.scores(), s.weights().mode());
    }

    public ServingModel model() { return model; }
}
