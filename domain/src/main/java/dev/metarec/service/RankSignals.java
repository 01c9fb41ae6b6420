package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.port.ItemStatsStore.ItemStats;
import dev.metarec.rank.RankBlend;
import dev.metarec.rank.RankPrior;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The served order of the eligible items: {@link RankBlend} of the network's scores, the popularity prior (item
 * statistics' user counts) and the neighbours of the user's positive support events. Serving and meta-training's
 * blend fit compute the signals here, so what is fitted is what is served.
 */
final class RankSignals {
    private RankSignals() {}

    /** The items of the positive events among {@code support}. */
    static Set<String> positiveItems(List<Event> support, SupportSets sets) {
        Set<String> out = new LinkedHashSet<>();
        for (Event e : support) if (sets.positive(e)) out.add(e.itemId());
        return out;
    }

    static double[] popularity(Map<String, ItemStats> stats, CatalogueIndex.Snapshot cat, int[] eligible) {
        double[] out = new double[eligible.length];
        for (int i = 0; i < eligible.length; i++) {
            ItemStats s = stats.get(cat.items().get(eligible[i]).itemId());
            out[i] = RankBlend.popularity(s == null ? 0 : s.count());
        }
        return out;
    }

    static double[] neighbours(RankPrior rank, Set<String> positives, CatalogueIndex.Snapshot cat, int[] eligible) {
        if (rank.neighbours().isEmpty() || positives.isEmpty()) return new double[eligible.length];
        int[] slot = new int[cat.size()];
        Arrays.fill(slot, -1);
        for (int i = 0; i < eligible.length; i++) slot[eligible[i]] = i;
        return rank.neighbours().scores(positives, id -> {
            Integer p = cat.position().get(id);
            return p == null ? -1 : slot[p];
        }, eligible.length);
    }

    /** The order scores: the blend for {@code supportSize} events; the network's scores as they are when the checkpoint has no blend. */
    static double[] order(RankPrior rank, int supportSize, double[] network, double[] popularity, double[] neighbours) {
        if (rank.isNone()) return network;
        double[] o = rank.blend().order(supportSize, network, popularity, neighbours);
        for (double x : o) if (!Double.isFinite(x)) return network;
        return o;
    }
}
