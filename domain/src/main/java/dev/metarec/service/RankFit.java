package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.features.EncodedEntity;
import dev.metarec.meta.Batch;
import dev.metarec.model.Event;
import dev.metarec.rank.ItemBaseline;
import dev.metarec.rank.ItemNeighbours;
import dev.metarec.rank.RankBlend;
import dev.metarec.rank.RankPrior;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fits a finished challenger's {@link RankPrior} on the run's data (the item baseline it was trained on stays): item
 * neighbours and popularity (users who liked each item) from the training users' events only, then the {@link RankBlend} weights on the validation users, each seen at the support
 * sizes of {@link RankBlend#SHOTS} exactly as serving would see them (first k events; adapted network scores,
 * popularity, neighbours of the positive support events; every other catalogue item a candidate) and judged by
 * Recall@10 of the positives among {@value #HORIZON} later events: the events after the user's first
 * {@value #LATER_FROM} (after the support when it is longer), so that every support size is judged on the same
 * later taste. A user with at most {@value #LATER_FROM} events is judged on the events right after the support.
 * <p>
 * Why not simply the events after the support: a user's first events are often what the onboarding flow put in
 * front of them (MovieLens asked new users to rate popular films), so fitting on them teaches the blend the
 * onboarding screen rather than the user. Cross-fitted on ML-100K's validation users (weights fitted on half,
 * Recall@10 of the later window on the other half, 5 seeds), fitting on the later window gave 0.183 against 0.169
 * fitting on the next events (docs/RESULTS.md, designs tried).
 */
final class RankFit {
    /**
     * Neighbours kept per item and the cosine's shrinkage: 200 and 10, chosen on the fit's own validation users on
     * ML-100K (mean validation Recall@10 over the buckets, 3 seeds: 200/10 0.2843, 100/10 0.2804, 100/50 0.2768;
     * neighbours of every support event instead of the positive ones 0.2793). At most {@link #MAX_PAIRS} pairs in
     * all (8 bytes each in the checkpoint): a catalogue of more than 10,000 items keeps fewer per item.
     */
    static final int NEIGHBOURS = 200;
    static final double SHRINKAGE = 10.0;
    static final int MAX_PAIRS = 2_000_000;
    /** Later events per validation user whose positives are the targets (the ranking protocol's 50). */
    static final int HORIZON = 50;
    /** Events of a user (the first ones) after which the judged window starts: the ranking protocol's 20. */
    static final int LATER_FROM = 20;
    static final int MAX_USERS = 200;
    private static final System.Logger LOG = System.getLogger(RankFit.class.getName());

    private RankFit() {}

    static Checkpoint attach(Checkpoint c, TrainingData data, MetaTrainSettings settings, ServiceSettings serving) {
        List<Set<String>> itemsByUser = new ArrayList<>();
        Set<String> catalogue = new HashSet<>();
        Map<String, Integer> liked = new HashMap<>();
        SupportSets sets = new SupportSets(serving);
        List<String> validation = new ArrayList<>();
        for (Map.Entry<String, List<Event>> e : data.eventsByUser.entrySet()) {
            if (TrainingData.isValidationUser(e.getKey(), settings.validationPercent())) {
                if (validation.size() < Math.min(MAX_USERS, settings.maxValidationUsers())) validation.add(e.getKey());
                continue;
            }
            Set<String> items = new LinkedHashSet<>();
            for (Event ev : e.getValue()) items.add(ev.itemId());
            itemsByUser.add(items);
            catalogue.addAll(items);
            addLikes(liked, e.getValue(), sets);
        }
        if (itemsByUser.isEmpty()) return c;
        int items = catalogue.size();
        ItemNeighbours neighbours = ItemNeighbours.fit(itemsByUser, Math.max(1, Math.min(NEIGHBOURS, MAX_PAIRS / Math.max(1, items))), SHRINKAGE);
        ItemBaseline baseline = c.rank().baseline();
        RankPrior withoutBlend = new RankPrior(neighbours, RankBlend.NETWORK_ONLY, baseline);
        ServingModel model = new ServingModel(c.withRank(withoutBlend), serving.adaptSteps());
        CatalogueIndex.Snapshot cat = CatalogueIndex.Snapshot.of(model, 0, data.items);
        List<RankBlend.Case> cases = new ArrayList<>();
        for (String user : validation) {
            List<Event> events = data.eventsByUser.get(user);   // oldest first
            for (int k : RankBlend.SHOTS) {
                if (events.size() <= k) break;
                RankBlend.Case c1 = userCase(model, withoutBlend, cat, sets, liked, data, user, events, k);
                if (c1 != null) cases.add(c1);
            }
        }
        RankBlend blend = RankBlend.fit(cases, RankBlend.SHOTS);
        LOG.log(System.Logger.Level.INFO, "rank prior of {0}: {1} items with neighbours, blend {2} fitted on {3} validation cases "
                + "(validation Recall@10 by bucket {4})", c.checkpointId(), neighbours.items().size(), blend, cases.size(),
                java.util.Arrays.toString(blend.recallByBucket(cases)));
        return c.withRank(new RankPrior(neighbours, blend, baseline));
    }

    /** Adds 1 for each item whose latest event in {@code events} (oldest first) is positive: the user liked it. */
    static void addLikes(Map<String, Integer> liked, List<Event> events, SupportSets sets) {
        Map<String, Event> latest = new HashMap<>();
        for (Event ev : events) latest.put(ev.itemId(), ev);   // oldest first: the latest event per item stays
        latest.forEach((i, ev) -> { if (sets.positive(ev)) liked.merge(i, 1, Integer::sum); });
    }

    /**
     * The events [from, to) whose positives judge a user of {@code size} events seen at {@code k}: the
     * {@value #HORIZON} after the first {@value #LATER_FROM} (after the support when it is longer), or the
     * {@value #HORIZON} after the support for a user with at most {@value #LATER_FROM} events.
     */
    static int[] judged(int size, int k) {
        int from = size > LATER_FROM ? Math.max(k, LATER_FROM) : k;
        return new int[]{Math.min(from, size), Math.min(size, from + HORIZON)};
    }

    private static RankBlend.Case userCase(ServingModel model, RankPrior rank, CatalogueIndex.Snapshot cat, SupportSets sets, Map<String, Integer> liked,
                                           TrainingData data, String user, List<Event> events, int k) {
        List<Event> support = new ArrayList<>(events.subList(0, k));
        Set<String> seen = new HashSet<>();
        support.forEach(e -> seen.add(e.itemId()));
        Set<String> positives = new HashSet<>();
        int[] window = judged(events.size(), k);
        for (Event e : events.subList(window[0], window[1]))
            if (sets.positive(e) && !seen.contains(e.itemId()) && cat.position().containsKey(e.itemId())) positives.add(e.itemId());
        if (positives.isEmpty()) return null;
        int[] eligible = new int[cat.size() - (int) seen.stream().filter(cat.position()::containsKey).count()];
        int n = 0;
        for (int p = 0; p < cat.size(); p++) if (!seen.contains(cat.items().get(p).itemId())) eligible[n++] = p;
        List<Event> newestFirst = new ArrayList<>(support);
        java.util.Collections.reverse(newestFirst);
        EncodedEntity u = model.encodeUser(data.profile(user));
        Batch b = sets.build(model, u, newestFirst, cat, Map.of(), seen);
        double[] fast = AdaptService.adaptOrPrior(model, b).fast(model);   // the prior when adaptation fails, as serving would
        double[] pop = new double[eligible.length];
        boolean[] positive = new boolean[eligible.length];
        for (int i = 0; i < eligible.length; i++) {
            String id = cat.items().get(eligible[i]).itemId();
            pop[i] = RankBlend.popularity(liked.getOrDefault(id, 0));
            positive[i] = positives.contains(id);
        }
        double[] net = new double[eligible.length];
        double[] offsets = new double[eligible.length];
        for (int i = 0; i < eligible.length; i++) offsets[i] = cat.baseline(eligible[i], rank.baseline());
        Ranking.network(model, fast, u, cat, eligible, offsets, net, eligible.length);
        for (double x : net) if (!Double.isFinite(x)) return null;
        double[] nb = RankSignals.neighbours(rank, RankSignals.positiveItems(newestFirst, sets), cat, eligible);
        return new RankBlend.Case(k, net, pop, nb, positive);
    }
}
