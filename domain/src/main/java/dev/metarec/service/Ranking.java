package dev.metarec.service;

import dev.metarec.features.EncodedEntity;
import dev.metarec.model.Item;
import dev.metarec.port.ItemStatsStore.ItemStats;
import dev.metarec.service.Recommendation.Contribution;
import dev.metarec.service.Recommendation.Reason;
import dev.metarec.service.Recommendation.RecommendedItem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Filtering, scoring, top-K with exploration slots, and explanations. Stateless. */
final class Ranking {
    private final ServiceSettings settings;

    Ranking(ServiceSettings settings) { this.settings = settings; }

    /** Positions in the snapshot that pass every hard filter, in snapshot order. */
    int[] eligible(RecommendCommand cmd, CatalogueIndex.Snapshot cat, UserState user) {
        int[] out = new int[cat.size()];
        int n = 0;
        if (!cmd.candidates().isEmpty()) {
            int[] positions = cmd.candidates().stream().map(cat.position()::get).filter(p -> p != null).mapToInt(Integer::intValue).sorted().toArray();
            for (int p : positions) if (passes(cmd, cat.items().get(p), user)) out[n++] = p;
        } else {
            for (int p = 0; p < cat.size(); p++) if (passes(cmd, cat.items().get(p), user)) out[n++] = p;
        }
        return Arrays.copyOf(out, n);
    }

    private boolean passes(RecommendCommand cmd, Item item, UserState user) {
        if (cmd.exclude().contains(item.itemId())) return false;
        if (cmd.excludeSeen() && user.seen().contains(item.itemId())) return false;
        if (cmd.categories().isEmpty()) return true;
        for (String c : item.attributes().get(settings.categoryAttribute())) if (cmd.categories().contains(c)) return true;
        return false;
    }

    /** Scores of the eligible items; {@code base} is added to every score (the prior's calibration for zero-shot users). */
    double[] score(ServingModel model, double[] fast, EncodedEntity user, CatalogueIndex.Snapshot cat, Map<String, ItemStats> stats, int[] eligible, double base) {
        List<EncodedEntity> items = new ArrayList<>(eligible.length);
        double[] offsets = new double[eligible.length];
        for (int i = 0; i < eligible.length; i++) {
            items.add(cat.encoded().get(eligible[i]));
            offsets[i] = base + ItemWarmUp.offset(stats.get(cat.items().get(eligible[i]).itemId()), settings.itemBiasShrinkage(), model.objective());
        }
        double[] out = new double[eligible.length];
        model.network().scoreAll(model.meta(), fast, user, items, offsets, out);
        return out;
    }

    /** The top k: by score (or popularity), with round(k * explorationShare) slots for the best-scored new items. */
    List<RecommendedItem> select(ServingModel model, double[] fast, EncodedEntity user, CatalogueIndex.Snapshot cat, Map<String, ItemStats> stats,
                                 int[] eligible, double[] scores, RecommendCommand cmd, boolean popular) {
        Integer[] order = new Integer[eligible.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Comparator<Integer> byScore = Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> eligible[i]);
        Comparator<Integer> byPopularity = Comparator.comparingLong((Integer i) -> -count(stats, cat, eligible[i])).thenComparing(byScore);
        Arrays.sort(order, popular ? byPopularity : byScore);
        int k = Math.min(cmd.k(), eligible.length);
        int explore = (int) Math.round(cmd.k() * cmd.explorationShare());
        java.util.Set<Integer> picked = new java.util.LinkedHashSet<>();
        for (int j = 0; j < order.length && picked.size() < k - explore; j++) picked.add(order[j]);
        List<Integer> explored = new ArrayList<>();
        if (explore > 0) {
            Integer[] fresh = Arrays.stream(order).filter(i -> !picked.contains(i) && count(stats, cat, eligible[i]) < settings.newItemMaxCount())
                    .sorted(byScore).toArray(Integer[]::new);
            for (int j = 0; j < fresh.length && explored.size() < explore && picked.size() + explored.size() < k; j++) explored.add(fresh[j]);
        }
        for (int j = 0; j < order.length && picked.size() + explored.size() < k; j++) if (!explored.contains(order[j])) picked.add(order[j]);
        List<Integer> main = new ArrayList<>(picked);
        main.sort(popular ? byPopularity : byScore);
        int total = main.size() + explored.size();
        boolean[] exploreSlot = new boolean[total];
        for (int j = 0; j < explored.size(); j++) exploreSlot[Math.min(total - 1, (j + 1) * total / (explored.size() + 1))] = true;
        long marked = 0;
        for (boolean b : exploreSlot) if (b) marked++;
        for (int slot = total - 1; marked < explored.size() && slot >= 0; slot--) if (!exploreSlot[slot]) { exploreSlot[slot] = true; marked++; }
        List<RecommendedItem> out = new ArrayList<>(total);
        Reason reason = popular ? Reason.POPULAR_FALLBACK : Reason.PERSONALISED;
        int e = 0, p = 0;
        for (int slot = 0; slot < total; slot++) {
            boolean here = exploreSlot[slot];
            int i = here ? explored.get(e++) : main.get(p++);
            out.add(item(model, fast, user, cat, eligible[i], scores[i], here ? Reason.NEW_ITEM_EXPLORATION : reason));
        }
        return out;
    }

    private static long count(Map<String, ItemStats> stats, CatalogueIndex.Snapshot cat, int position) {
        ItemStats s = stats.get(cat.items().get(position).itemId());
        return s == null ? 0 : s.count();
    }

    private RecommendedItem item(ServingModel model, double[] fast, EncodedEntity user, CatalogueIndex.Snapshot cat, int position, double score, Reason reason) {
        Item item = cat.items().get(position);
        double[] c = model.network().itemSlotContributions(model.meta(), fast, user, cat.encoded().get(position));
        var vocabularies = model.features().itemVocabularies();
        List<Contribution> top = new ArrayList<>();
        for (int f = 0; f < c.length; f++) {
            if (!(c[f] > 0)) continue;
            String name = f < vocabularies.size() ? vocabularies.get(f).name() : "itemId";
            List<String> values = f < vocabularies.size() ? item.attributes().get(name) : List.of(item.itemId());
            if (!values.isEmpty()) top.add(new Contribution(name, values, c[f]));
        }
        top.sort(Comparator.comparingDouble(Contribution::contribution).reversed());
        double shown = model.shownPrediction(score);
        return new RecommendedItem(item.itemId(), shown, reason, List.copyOf(top.subList(0, Math.min(settings.explanationSlots(), top.size()))));
    }
}
