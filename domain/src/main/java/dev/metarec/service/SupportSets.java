package dev.metarec.service;

import dev.metarec.features.EncodedEntity;
import dev.metarec.features.FeatureSpace;
import dev.metarec.meta.Batch;
import dev.metarec.meta.Example;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.nn.Objective;
import dev.metarec.port.ItemStatsStore.ItemStats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Turns a user's recent events into the support batch of the inner loop: one example per event,
 * weighted by recency (the i-th most recent gets decay^i, so a user whose taste moves is followed),
 * offset by the item's warm-up bias; for the implicit objectives, each positive gets a sampled unseen
 * item as negative (a separate example with target 0 for LOGISTIC, the pair's negative for BPR). Under squared
 * error an implicit event on an item the user also rated is dropped: the rating is the better target.
 * Negatives are drawn from a generator seeded by the user and the support, so the batch is deterministic.
 */
public final class SupportSets {
    private final ServiceSettings settings;

    public SupportSets(ServiceSettings settings) { this.settings = settings; }

    /** The training target of an event under {@code objective}. */
    public double target(Event e, Objective objective) {
        if (objective == Objective.SQUARED_ERROR) {
            return switch (e.type()) {
                case RATING -> e.value();
                case VIEW -> settings.viewTarget();
                case CLICK -> settings.clickTarget();
                case PURCHASE -> settings.purchaseTarget();
            };
        }
        return positive(e) ? 1.0 : 0.0;
    }

    /** Whether the event says the user liked the item (a rating at or above the threshold, or any implicit event). */
    public boolean positive(Event e) { return e.type() != EventType.RATING || e.value() >= settings.positiveRating(); }

    /**
     * @param events newest first; at most {@code adaptWindow} are used
     * @param seen   items the user interacted with (never sampled as negatives)
     */
    public Batch build(ServingModel model, EncodedEntity user, List<Event> events, CatalogueIndex.Snapshot catalogue,
                       Map<String, ItemStats> stats, Set<String> seen) {
        return build(model.objective(), model.features(), model.rank().baseline(), user, events, catalogue, stats, seen);
    }

    /** As above, for a model given by its objective and feature space, without item baselines (meta-training builds tasks this way). */
    public Batch build(Objective objective, FeatureSpace features, EncodedEntity user, List<Event> events, CatalogueIndex.Snapshot catalogue,
                       Map<String, ItemStats> stats, Set<String> seen) {
        return build(objective, features, dev.metarec.rank.ItemBaseline.NONE, user, events, catalogue, stats, seen);
    }

    /** Each example's offset: the item's {@code baseline} plus its warm-up offset from {@code stats}, as serving scores it. */
    Batch build(Objective objective, FeatureSpace features, dev.metarec.rank.ItemBaseline baseline, EncodedEntity user, List<Event> events,
                CatalogueIndex.Snapshot catalogue, Map<String, ItemStats> stats, Set<String> seen) {
        int n = Math.min(events.size(), settings.adaptWindow());
        List<Example> examples = new ArrayList<>(objective == Objective.LOGISTIC ? 2 * n : n);
        SplittableRandom random = new SplittableRandom(seed(events, n));
        Set<String> avoid = new HashSet<>(seen);
        Set<String> rated = new HashSet<>();
        if (objective == Objective.SQUARED_ERROR) for (int i = 0; i < n; i++) if (events.get(i).type() == EventType.RATING) rated.add(events.get(i).itemId());
        double w = 1.0;
        for (int i = 0; i < n; i++, w *= settings.recencyDecay()) {
            Event e = events.get(i);
            if (e.type() != EventType.RATING && rated.contains(e.itemId())) continue;  // the rating says more than the click on the same item
            EncodedEntity item = encode(features, catalogue, e.itemId());
            double offset = baseline.of(e.itemId()) + ItemWarmUp.offset(stats.get(e.itemId()), settings.itemBiasShrinkage(), objective);
            double target = target(e, objective);
            if (objective == Objective.SQUARED_ERROR) {
                examples.add(new Example(item, target, w, offset, null));
                continue;
            }
            int negative = positive(e) ? sampleUnseen(catalogue, avoid, random) : -1;
            if (objective == Objective.BPR) {
                if (negative >= 0) examples.add(new Example(item, 1.0, w, offset, catalogue.encoded().get(negative)));
            } else {
                examples.add(new Example(item, target, w, offset, null));
                if (negative >= 0) {
                    String negId = catalogue.items().get(negative).itemId();
                    double negOffset = baseline.of(negId) + ItemWarmUp.offset(stats.get(negId), settings.itemBiasShrinkage(), objective);
                    examples.add(new Example(catalogue.encoded().get(negative), 0.0, w, negOffset, null));
                }
            }
        }
        return new Batch(user, examples);
    }

    static EncodedEntity encode(FeatureSpace features, CatalogueIndex.Snapshot catalogue, String itemId) {
        Integer at = catalogue.position().get(itemId);
        return at != null ? catalogue.encoded().get(at) : features.encodeItem(new Item(itemId, null, null));
    }

    private static int sampleUnseen(CatalogueIndex.Snapshot catalogue, Set<String> avoid, SplittableRandom random) {
        if (catalogue.size() == 0) return -1;
        for (int attempt = 0; attempt < 20; attempt++) {
            int j = random.nextInt(catalogue.size());
            if (avoid.add(catalogue.items().get(j).itemId())) return j;
        }
        return -1;
    }

    private static long seed(List<Event> events, int n) {
        long h = 1125899906842597L;
        for (int i = 0; i < n; i++) h = 31 * h + events.get(i).eventId().hashCode() * 17L + events.get(i).userId().hashCode();
        return h;
    }
}
