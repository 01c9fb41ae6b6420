package dev.metarec.nn;

import dev.metarec.features.EncodedCatalogue;
import dev.metarec.features.EncodedEntity;
import dev.metarec.math.Shapes;

import java.util.List;

import static dev.metarec.nn.NetworkShape.USER_BIAS;

/** Inference: scores and per-slot attributions. The user's share of the first layer is computed once per call. */
final class Scoring {
    private Scoring() {}

    static double score(NetworkShape shape, FastLayout fastLayout, Params meta, double[] fast, EncodedEntity user, EncodedEntity item, double offset) {
        Weights w = Weights.of(shape, fastLayout, meta, fast);
        UserSide us = new UserSide(shape, w, user);
        shape.requireItem("item", item);
        return itemScore(shape, w, us, item, new Trace(shape, false)) + offset;
    }

    static void scoreAll(NetworkShape shape, FastLayout fastLayout, Params meta, double[] fast, EncodedEntity user,
                         List<EncodedEntity> items, double[] offsets, double[] out) {
        Shapes.requireLength("out", out.length, items.size());
        if (offsets != null) Shapes.requireLength("offsets", offsets.length, items.size());
        for (int i = 0; i < out.length; i++) shape.requireItem(i, items.get(i));
        Weights w = Weights.of(shape, fastLayout, meta, fast);
        UserSide us = new UserSide(shape, w, user);
        CatalogueScorer scorer = new CatalogueScorer(shape, w, us, ProjectionPlan.forList(shape, items));
        for (int i = 0; i < out.length; i++) out[i] = scorer.score(items.get(i)) + (offsets == null ? 0 : offsets[i]);
    }

    static void scoreAll(NetworkShape shape, FastLayout fastLayout, Params meta, double[] fast, EncodedEntity user,
                         EncodedCatalogue items, double[] offsets, double[] out) {
        Shapes.requireLength("out", out.length, items.size());
        if (offsets != null) Shapes.requireLength("offsets", offsets.length, items.size());
        requireFits(shape, items);
        Weights w = Weights.of(shape, fastLayout, meta, fast);
        CatalogueScorer scorer = new CatalogueScorer(shape, w, new UserSide(shape, w, user), ProjectionPlan.forCatalogue(shape, items));
        for (int i = 0; i < out.length; i++) out[i] = scorer.score(items, i) + (offsets == null ? 0 : offsets[i]);
    }

    /** See {@link PreferenceNetwork#itemSides}. */
    static float[][] itemSides(NetworkShape shape, FastLayout fastLayout, Params meta, List<EncodedEntity> items) {
        requireSharedItemSide(shape, fastLayout);
        for (int i = 0; i < items.size(); i++) shape.requireItem(i, items.get(i));
        Weights w = Weights.of(shape, fastLayout, meta, fastLayout.gather(meta));
        CatalogueScorer scorer = CatalogueScorer.itemSides(shape, w, ProjectionPlan.forList(shape, items));
        float[][] out = new float[items.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] side = scorer.itemSide(items.get(i));
            for (float v : side) if (!Float.isFinite(v)) throw new NonFiniteException("item #" + i + "'s share of the first layer", shape.dense[NetworkShape.weight(0)].name(), v);
            out[i] = side;
        }
        return out;
    }

    /** See {@link PreferenceNetwork#scoreAll(Params, double[], EncodedEntity, float[][], int[], double[], double[], int)}. */
    static boolean[] scoreAll(NetworkShape shape, FastLayout fastLayout, Params meta, double[] fast, EncodedEntity user,
                              float[][] itemSides, int[] which, double[] offsets, double[] out, int exact) {
        requireSharedItemSide(shape, fastLayout);
        Shapes.requireLength("out", out.length, which.length);
        if (offsets != null) Shapes.requireLength("offsets", offsets.length, which.length);
        int width = shape.widths[1];
        for (int i : which) {
            if (i < 0 || i >= itemSides.length) throw new IllegalArgumentException("item side #" + i + " outside the " + itemSides.length + " given");
            Shapes.requireLength("item side #" + i, itemSides[i].length, width);
        }
        Weights w = Weights.of(shape, fastLayout, meta, fast);
        CatalogueScorer scorer = new CatalogueScorer(shape, w, new UserSide(shape, w, user), new boolean[shape.itemTables.length]);
        return scorer.scoreSidesTwoStage(itemSides, which, offsets, out, exact);
    }

    /** Whether the first layer's weights are the same for every user (they do not adapt). */
    static boolean sharesItemSide(NetworkShape shape, FastLayout fastLayout) {
        return !fastLayout.adapts(shape.dense[NetworkShape.weight(0)].name());
    }

    private static void requireSharedItemSide(NetworkShape shape, FastLayout fastLayout) {
        if (!sharesItemSide(shape, fastLayout))
            throw new IllegalStateException(shape.dense[NetworkShape.weight(0)].name() + " adapts per user, so the items' share of the first layer is per user too");
    }

    private static void requireFits(NetworkShape shape, EncodedCatalogue items) {
        if (items.size() == 0) return;
        if (items.slotCount() != shape.itemTables.length)
            throw new IllegalArgumentException("catalogue items have " + items.slotCount() + " slots but the network has " + shape.itemTables.length + " item features");
        for (int f = 0; f < shape.itemTables.length; f++)
            if (items.maxRow(f) >= shape.itemTables[f].rows())
                throw new IllegalArgumentException("catalogue slot " + f + " (" + shape.itemTables[f].name() + ") uses row " + items.maxRow(f)
                        + " outside the table's " + shape.itemTables[f].rows() + " rows");
        if (shape.itemIdTable != null && items.maxIdRow() >= shape.itemIdTable.rows())
            throw new IllegalArgumentException("catalogue uses idRow " + items.maxIdRow() + " outside " + shape.itemIdTable.name() + "'s "
                    + shape.itemIdTable.rows() + " rows");
    }

    /**
     * Occlusion attribution: for item slot j (features in order, then the ID slot when the network has
     * one), the score minus the score with that slot replaced by its fallback (row 0, the "missing" row,
     * for a feature; no ID for the ID slot). Positive = the slot raised the score.
     */
    static double[] itemSlotContributions(NetworkShape shape, FastLayout fastLayout, Params meta, double[] fast,
                                          EncodedEntity user, EncodedEntity item) {
        Weights w = Weights.of(shape, fastLayout, meta, fast);
        UserSide us = new UserSide(shape, w, user);
        shape.requireItem("item", item);
        Trace t = new Trace(shape, false);
        double base = itemScore(shape, w, us, item, t);
        int features = shape.itemTables.length;
        double[] contributions = new double[shape.config.itemSlots()];
        for (int f = 0; f < features; f++) {
            int[][] slots = item.slots().clone();
            slots[f] = new int[] {0};
            contributions[f] = base - itemScore(shape, w, us, new EncodedEntity(slots, item.idRow()), t);
        }
        if (shape.itemIdTable != null)
            contributions[features] = base - itemScore(shape, w, us, new EncodedEntity(item.slots(), -1), t);
        return contributions;
    }

    private static double itemScore(NetworkShape shape, Weights w, UserSide us, EncodedEntity item, Trace t) {
        Embeddings.pool(w.meta, item, shape.itemTables, shape.itemIdTable, shape.dim, t.xi);
        return Mlp.forward(shape, w, us.userPre, t) + w.value(USER_BIAS, 0);
    }
}
