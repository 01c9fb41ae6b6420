package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.rank.ItemNeighbours;
import dev.metarec.rank.NumberProperty;
import dev.metarec.rank.RankBlend;
import dev.metarec.rank.RankPrior;
import dev.metarec.rank.SupportEncoder;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The served order of the eligible items: {@link RankBlend} of the network's scores, the popularity prior (item
 * statistics' user counts), the neighbours and the forward neighbours of the user's positive support events and the support-set encoder's scores. Serving and meta-training's
 * blend fit compute the signals here, so what is fitted is what is served.
 */
final class RankSignals {
    private RankSignals() {}

    /**
     * How much the neighbours of a positive support event count: the i-th most recent event (newest first, i from
     * 0) weighs {@code NEIGHBOUR_DECAY^i}, so three new positives outweigh eight older ones and the list follows a
     * taste that moves. 0.8 keeps the validation recall of equal weights (ML-100K, the fit's validation users; see
     * docs/RESULTS.md) while the taste-switch flow follows in a few events. {@code -Dmetarec.rankfit.neighbour-decay=D}
     * (in (0, 1]) changes it, for comparing designs.
     */
    static final double NEIGHBOUR_DECAY = dev.metarec.rank.Recency.decayFactor("metarec.rankfit.neighbour-decay", "0.8");

    /** The items of the positive events among {@code newestFirst}, each with the weight of its most recent positive event. */
    static Map<String, Double> positiveItems(List<Event> newestFirst, SupportSets sets) {
        Map<String, Double> out = new LinkedHashMap<>();
        double w = 1.0;
        for (Event e : newestFirst) {
            if (sets.positive(e)) out.putIfAbsent(e.itemId(), w);
            w *= NEIGHBOUR_DECAY;
        }
        return out;
    }

    /**
     * The blend's network signal (trial, {@code -Dmetarec.rankfit.network-signal=delta}; {@code score}, the default, is
     * served): {@code delta} replaces the adapted network's score by what adaptation changed in it, the adapted score
     * minus the prior's, so that only the user's own evidence orders by it (0 at 0 steps).
     */
    static final boolean NETWORK_DELTA = switch (System.getProperty("metarec.rankfit.network-signal", "score").trim()) {
        case "score" -> false;
        case "delta" -> true;
        default -> throw new IllegalArgumentException("metarec.rankfit.network-signal must be score or delta, was '"
                + System.getProperty("metarec.rankfit.network-signal") + "'");
    };

    /** The network signal the blend reads: {@code scores}, or with {@link #NETWORK_DELTA} ({@code prior} not null) scores minus the prior's. */
    static double[] network(double[] scores, double[] prior) {
        if (prior == null) return scores;
        double[] out = new double[scores.length];
        for (int i = 0; i < out.length; i++) out[i] = scores[i] - prior[i];
        return out;
    }

    static final String DISLIKE_PROPERTY = "metarec.serving.dislike-below";
    /**
     * A rating below the positive rating is a dislike only when it is also below this: ∞ (every rating that is not
     * positive), {@code -Dmetarec.serving.dislike-below=R} for comparing designs.
     */
    static final double DISLIKE_BELOW = NumberProperty.inRange(DISLIKE_PROPERTY, "Infinity", Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, true);

    /** The items whose most recent event among {@code newestFirst} is a dislike: a rating below the positive rating and below {@link #DISLIKE_BELOW}. */
    static Set<String> dislikedItems(List<Event> newestFirst, SupportSets sets) {
        Set<String> seen = new HashSet<>(), out = new HashSet<>();
        for (Event e : newestFirst) if (seen.add(e.itemId()) && !sets.positive(e) && e.value() < DISLIKE_BELOW) out.add(e.itemId());
        return out;
    }

    static double[] popularity(ItemStatsView stats, int[] eligible) {
        double[] out = new double[eligible.length];
        for (int i = 0; i < eligible.length; i++) out[i] = stats.popularity(eligible[i]);
        return out;
    }

    /**
     * Per eligible item, the summed similarity to the {@code positives} in the checkpoint's neighbours and in its forward
     * neighbours; {@code forward} is null when the checkpoint has none (the blend leaves the signal out).
     */
    record NeighbourScores(double[] neighbours, double[] forward) {}

    /**
     * Where a rank prior's tables meet a catalogue snapshot: per row of each neighbour table the item's snapshot position
     * (-1: not in the snapshot), and per snapshot position the item's row in the encoder (-1: the encoder does not know it).
     */
    record Layout(int[] neighbours, int[] forward, int[] encoderRows) {}

    /** The {@link Layout} of {@code rank} in {@code cat}: once per snapshot and checkpoint, never per request. */
    static Layout layout(RankPrior rank, CatalogueIndex.Snapshot cat) {
        ToIntFunction<String> positionOf = id -> {
            Integer p = cat.position().get(id);
            return p == null ? -1 : p;
        };
        int[] rows = new int[cat.size()];
        for (int p = 0; p < rows.length; p++) rows[p] = rank.encoder().row(cat.items().get(p).itemId());
        return new Layout(rank.neighbours().positionsIn(positionOf), rank.forward().positionsIn(positionOf), rows);
    }

    static NeighbourScores neighbours(RankPrior rank, Map<String, Double> positives, CatalogueIndex.Snapshot cat, Layout positions,
                                      int[] eligible) {
        boolean none = positives.isEmpty() || (rank.neighbours().isEmpty() && rank.forward().isEmpty());
        int[] slot = none ? null : slots(cat, eligible);   // one slot map for both tables
        return new NeighbourScores(scores(rank.neighbours(), positives, positions.neighbours(), slot, eligible.length),
                rank.forward().isEmpty() ? null : scores(rank.forward(), positives, positions.forward(), slot, eligible.length));
    }

    /** Per snapshot position, its index among {@code eligible}, -1 when it is not eligible. */
    private static int[] slots(CatalogueIndex.Snapshot cat, int[] eligible) {
        int[] slot = new int[cat.size()];
        Arrays.fill(slot, -1);
        for (int i = 0; i < eligible.length; i++) slot[eligible[i]] = i;
        return slot;
    }

    private static double[] scores(ItemNeighbours table, Map<String, Double> positives, int[] positions, int[] slot, int slots) {
        if (table.isEmpty() || positives.isEmpty()) return new double[slots];
        return table.scores(positives, positions, slot, slots);
    }

    /**
     * The support-set encoder's score of each eligible item for a user whose support events are {@code newestFirst}
     * (their distinct items; with the {@link SupportEncoder#ADAPT_RATE} trial, the user vector adapted {@code steps} steps
     * on the {@code liked} ones): NaN for an item the encoder does not know, all NaN without an encoder or a non-finite score
     * (the blend then leaves the signal out).
     */
    static double[] encoder(SupportEncoder encoder, List<Event> newestFirst, int[] rowsByPosition, int[] eligible,
                            Map<String, Double> liked, int steps) {
        double[] out = new double[eligible.length];
        if (encoder.isEmpty()) { Arrays.fill(out, Double.NaN); return out; }
        Set<String> items = new java.util.LinkedHashSet<>();
        for (Event e : newestFirst) items.add(e.itemId());
        float[] u = encoder.encode(items);
        if (SupportEncoder.ADAPT_RATE > 0 && steps > 0) {   // trial, off: the user vector adapted on the liked support items
            int[] rows = new int[liked.size()];
            double[] w = new double[liked.size()];
            int n = 0;
            for (Map.Entry<String, Double> e : liked.entrySet()) {
                int r = encoder.row(e.getKey());
                if (r >= 0) { rows[n] = r; w[n++] = e.getValue(); }
            }
            u = encoder.adapt(u, Arrays.copyOf(rows, n), Arrays.copyOf(w, n), steps, SupportEncoder.ADAPT_RATE);
        }
        for (int i = 0; i < eligible.length; i++) {
            double s = encoder.score(u, rowsByPosition[eligible[i]]);
            if (Double.isInfinite(s)) { Arrays.fill(out, Double.NaN); return out; }
            out[i] = s;
        }
        return out;
    }

    /** The order scores: the blend for {@code supportSize} events; the network's scores as they are when the checkpoint has no blend. */
    static double[] order(RankPrior rank, int supportSize, double[] network, double[] popularity, double[] neighbours, double[] encoder,
                          double[] forward) {
        if (rank.isNone()) return network;
        double[] o = rank.blend().order(supportSize, network, popularity, neighbours, encoder, forward);
        for (double x : o) if (!Double.isFinite(x)) return network;
        return o;
    }
}
