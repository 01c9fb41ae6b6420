package dev.metarec.service;

import dev.metarec.features.EncodedEntity;
import dev.metarec.model.Item;
import dev.metarec.service.Recommendation.Contribution;
import dev.metarec.service.Recommendation.Reason;
import dev.metarec.service.Recommendation.RecommendedItem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Filtering, scoring, top-K with exploration slots, and explanations. Stateless. */
final class Ranking {
    private final ServiceSettings settings;

    Ranking(ServiceSettings settings) { this.settings = settings; }

    /**
     * Positions in the snapshot that pass every hard filter, in snapshot order. The excluded and seen items are
     * marked by position (a few lookups by id) rather than every catalogue item looked up in them.
     */
    int[] eligible(RecommendCommand cmd, CatalogueIndex.Snapshot cat, UserState user) {
        boolean[] excluded = new boolean[cat.size()];
        mark(excluded, cat, cmd.exclude());
        if (cmd.excludeSeen()) mark(excluded, cat, user.seen());
        int[] out = new int[cat.size()];
        int n = 0;
        if (!cmd.candidates().isEmpty()) {
            int[] positions = cmd.candidates().stream().map(cat.position()::get).filter(p -> p != null).mapToInt(Integer::intValue).sorted().toArray();
            for (int p : positions) if (!excluded[p] && inCategories(cmd, cat.items().get(p))) out[n++] = p;
        } else {
            for (int p = 0; p < cat.size(); p++) if (!excluded[p] && inCategories(cmd, cat.items().get(p))) out[n++] = p;
        }
        return Arrays.copyOf(out, n);
    }

    private static void mark(boolean[] excluded, CatalogueIndex.Snapshot cat, java.util.Collection<String> ids) {
        for (String id : ids) {
            Integer p = cat.position().get(id);
            if (p != null) excluded[p] = true;
        }
    }

    private boolean inCategories(RecommendCommand cmd, Item item) {
        if (cmd.categories().isEmpty()) return true;
        for (String c : item.attributes().get(settings.categoryAttribute())) if (cmd.categories().contains(c)) return true;
        return false;
    }

    /** Per eligible item, what its score adds to the network's: the checkpoint's baseline and the warm-up offset. */
    double[] itemOffsets(ServingModel model, ItemStatsView stats, int[] eligible) {
        CatalogueIndex.Snapshot cat = stats.snapshot();
        double[] offsets = new double[eligible.length];
        for (int i = 0; i < eligible.length; i++)
            offsets[i] = cat.baseline(eligible[i], model.rank().baseline())
                    + ItemWarmUp.offset(stats.at(eligible[i]), settings.itemBiasShrinkage(), model.objective());
        return offsets;
    }

    /** The network's scores of the eligible items, offsets in them, and which of them are exact (null: every one). */
    record Scored(double[] scores, boolean[] exact) {}

    /**
     * Scores of the eligible items: the network plus each item's {@code itemOffsets} ({@link #itemOffsets}); {@code base}
     * is added to every score (the prior's calibration for zero-shot users). {@code exact}: how many are scored exactly
     * ({@link ServiceSettings#exactScored}); the rest get the first stage's estimate.
     */
    static Scored score(ServingModel model, double[] fast, EncodedEntity user, CatalogueIndex.Snapshot cat, int[] eligible, double[] itemOffsets, double base, int exact) {
        double[] out = new double[eligible.length];
        boolean[] exactly = network(model, fast, user, cat, eligible, offsets(eligible.length, base, itemOffsets, null), out, exact);
        return new Scored(out, exactly);
    }

    /**
     * Scores exactly those of {@code positions} (indices into {@code eligible}) whose scores in {@code s} are estimates,
     * and marks them exact; returns whether there were any.
     */
    static boolean rescore(ServingModel model, double[] fast, EncodedEntity user, CatalogueIndex.Snapshot cat, int[] eligible, double[] itemOffsets, double base,
                           Scored s, int[] positions) {
        int[] which = java.util.Arrays.stream(positions).filter(i -> !s.exact()[i]).toArray();
        if (which.length == 0) return false;
        int[] items = new int[which.length];
        for (int j = 0; j < which.length; j++) items[j] = eligible[which[j]];
        double[] out = new double[which.length];
        network(model, fast, user, cat, items, offsets(which.length, base, itemOffsets, which), out, which.length);
        for (int j = 0; j < which.length; j++) {
            s.scores()[which[j]] = out[j];
            s.exact()[which[j]] = true;
        }
        return true;
    }

    /** base + itemOffsets[i] for i < n, or for i in {@code at}. */
    private static double[] offsets(int n, double base, double[] itemOffsets, int[] at) {
        double[] offsets = new double[n];
        for (int i = 0; i < n; i++) offsets[i] = base + itemOffsets[at == null ? i : at[i]];
        return offsets;
    }

    /**
     * The network's scores of the eligible items plus {@code offsets}: from the snapshot's item sides when the champion
     * keeps them (the item side computed once per checkpoint and item; {@code exact} of them scored exactly, the rest
     * estimated by the first stage), else item by item, every one exactly. Returns which scores are exact (null: all).
     */
    static boolean[] network(ServingModel model, double[] fast, EncodedEntity user, CatalogueIndex.Snapshot cat, int[] eligible, double[] offsets, double[] out, int exact) {
        if (cat.itemSides() != null) {
            return model.network().scoreAll(model.meta(), fast, user, cat.itemSides(), eligible, offsets, out, Math.max(1, exact));
        }
        List<EncodedEntity> items = new ArrayList<>(eligible.length);
        for (int p : eligible) items.add(cat.encoded().get(p));
        model.network().scoreAll(model.meta(), fast, user, items, offsets, out);
        return null;
    }

    /**
     * The top k: by {@code order} (or popularity), with round(k * explorationShare) slots for the new items whose
     * attributes the adapted network scores best for this user (a new item has no neighbours and little popularity yet, so
     * the blend would bury it; and its item-level evidence, the checkpoint's baseline and the warm-up offset, is thin by
     * definition, so the slots go by what its attributes say, and a brand-new item competes on equal terms with one that
     * has a few ratings);
     * {@code scores} (the network's, with {@code base} and {@code itemOffsets} in them) give each item's shown prediction,
     * or, when some of them are first-stage estimates ({@code estimated}), the chosen items' exact scores do. Equal order
     * scores: the item earlier in the catalogue snapshot (item-id order) first.
     */
    List<RecommendedItem> select(ServingModel model, double[] fast, EncodedEntity user, ItemStatsView stats, int[] eligible,
                                 double[] order, double[] scores, double[] itemOffsets, double base, boolean estimated,
                                 RecommendCommand cmd, boolean popular) {
        CatalogueIndex.Snapshot cat = stats.snapshot();
        long[] counts = new long[eligible.length];
        for (int i = 0; i < counts.length; i++) counts[i] = stats.count(eligible[i]);
        IntComparator byScore = (a, b) -> a == b ? 0 : order[a] != order[b] ? Double.compare(order[b], order[a]) : Integer.compare(eligible[a], eligible[b]);
        IntComparator byPopularity = (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : byScore.compare(a, b);
        // new items have no neighbours and little popularity yet: the exploration slots go to the best of them by the network
        double[] match = new double[eligible.length];
        for (int i = 0; i < match.length; i++) if (counts[i] < settings.newItemMaxCount()) match[i] = scores[i] - itemOffsets[i];
        IntComparator byNetwork = (a, b) -> a == b ? 0 : match[a] != match[b] ? Double.compare(match[b], match[a]) : Integer.compare(eligible[a], eligible[b]);
        IntComparator ranked = popular ? byPopularity : byScore;
        int k = Math.min(cmd.k(), eligible.length);
        int explore = Math.min(k, (int) Math.round(cmd.k() * cmd.explorationShare()));
        int[] main = top(eligible.length, k - explore, i -> true, ranked);
        boolean[] taken = new boolean[eligible.length];
        for (int i : main) taken[i] = true;
        int[] explored = top(eligible.length, explore, i -> !taken[i] && counts[i] < settings.newItemMaxCount(), byNetwork);
        for (int i : explored) taken[i] = true;
        if (main.length + explored.length < k) {   // not enough new items: the next best fill the slots
            int[] more = top(eligible.length, k - main.length - explored.length, i -> !taken[i], ranked);
            int[] merged = Arrays.copyOf(main, main.length + more.length);   // every filler ranks below every main item
            System.arraycopy(more, 0, merged, main.length, more.length);
            main = merged;
        }
        int total = main.length + explored.length;
        boolean[] exploreSlot = new boolean[total];
        for (int j = 0; j < explored.length; j++) exploreSlot[Math.min(total - 1, (j + 1) * total / (explored.length + 1))] = true;
        long marked = 0;
        for (boolean b : exploreSlot) if (b) marked++;
        for (int slot = total - 1; marked < explored.length && slot >= 0; slot--) if (!exploreSlot[slot]) { exploreSlot[slot] = true; marked++; }
        int[] chosen = new int[total];
        int e = 0, p = 0;
        for (int slot = 0; slot < total; slot++) chosen[slot] = exploreSlot[slot] ? explored[e++] : main[p++];
        double[] exactNetwork = new double[total];
        double[][] contributions = contributions(model, fast, user, cat, eligible, chosen, exactNetwork);
        List<RecommendedItem> out = new ArrayList<>(total);
        Reason reason = popular ? Reason.POPULAR_FALLBACK : Reason.PERSONALISED;
        for (int slot = 0; slot < total; slot++) {
            int i = chosen[slot];
            double score = estimated ? exactNetwork[slot] + base + itemOffsets[i] : scores[i];   // a first-stage estimate is never shown
            out.add(item(model, cat, eligible[i], score, contributions[slot], exploreSlot[slot] ? Reason.NEW_ITEM_EXPLORATION : reason));
        }
        return out;
    }

    interface IntComparator { int compare(int a, int b); }

    /** The best {@code m} of 0..n-1 that pass {@code keep}, best first: one pass, insertion into a sorted array of m. */
    static int[] top(int n, int m, java.util.function.IntPredicate keep, IntComparator better) {
        if (m <= 0) return new int[0];
        int[] best = new int[m];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (!keep.test(i)) continue;
            if (size == m && better.compare(i, best[m - 1]) >= 0) continue;
            int at = size < m ? size++ : m - 1;
            while (at > 0 && better.compare(i, best[at - 1]) < 0) { best[at] = best[at - 1]; at--; }
            best[at] = i;
        }
        return Arrays.copyOf(best, size);
    }

    /**
     * Occlusion attribution of every chosen item's slots in one batched scoring call: for item slot f, the
     * score minus the score with the slot replaced by its missing row (row 0), or, for the ID slot, by no
     * ID; the same quantity as {@code PreferenceNetwork.itemSlotContributions}, computed for all items at once. Each chosen
     * item's exact network score (without offsets) goes to {@code exactNetwork}.
     */
    private static double[][] contributions(ServingModel model, double[] fast, EncodedEntity user, CatalogueIndex.Snapshot cat, int[] eligible, int[] chosen,
                                            double[] exactNetwork) {
        int features = model.features().itemVocabularies().size();
        boolean id = model.checkpoint().config().itemIdEmbedding();
        int per = 1 + features + (id ? 1 : 0);
        List<EncodedEntity> variants = new ArrayList<>(chosen.length * per);
        for (int i : chosen) {
            EncodedEntity item = cat.encoded().get(eligible[i]);
            variants.add(item);
            for (int f = 0; f < features; f++) {
                int[][] slots = item.slots().clone();
                slots[f] = new int[]{0};
                variants.add(new EncodedEntity(slots, item.idRow()));
            }
            if (id) variants.add(new EncodedEntity(item.slots(), -1));
        }
        double[] s = new double[variants.size()];
        model.network().scoreAll(model.meta(), fast, user, variants, null, s);
        double[][] out = new double[chosen.length][per - 1];
        for (int c = 0; c < chosen.length; c++) {
            exactNetwork[c] = s[c * per];
            for (int f = 0; f < per - 1; f++) out[c][f] = s[c * per] - s[c * per + 1 + f];
        }
        return out;
    }

    private RecommendedItem item(ServingModel model, CatalogueIndex.Snapshot cat, int position, double score, double[] c, Reason reason) {
        Item item = cat.items().get(position);
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
