package dev.metarec.nn;

import dev.metarec.features.EncodedEntity;

import java.util.Arrays;

/**
 * Mean-pooled embedding lookups. An entity's input is its feature slots in order, each the mean of
 * the rows listed for it, followed by its ID slot when the table exists. An ID slot with
 * {@code idRow == -1} (no history when the table was trained) is the zero vector: the entity then
 * scores from its attributes alone, and no ID row receives a gradient.
 */
final class Embeddings {
    private Embeddings() {}

    /** Writes the pooled input of {@code e} into {@code out[0 .. slots * dim)}. */
    static void pool(double[] meta, EncodedEntity e, ParamGroup[] tables, ParamGroup idTable, int dim, double[] out) {
        int[][] slots = e.slots();
        for (int f = 0; f < tables.length; f++) {
            int at = f * dim;
            Arrays.fill(out, at, at + dim, 0.0);
            int[] rows = slots[f];
            double inv = 1.0 / rows.length;
            ParamGroup t = tables[f];
            for (int r : rows) {
                int src = t.offset() + r * dim;
                for (int c = 0; c < dim; c++) out[at + c] += inv * meta[src + c];
            }
        }
        if (idTable != null) {
            int at = tables.length * dim;
            if (e.idRow() < 0) Arrays.fill(out, at, at + dim, 0.0);
            else System.arraycopy(meta, idTable.offset() + e.idRow() * dim, out, at, dim);
        }
    }

    /** Adds {@code scale * grad} (dL/d pooled input) to every table row {@code e} read, split evenly over a slot's rows. */
    static void scatter(EncodedEntity e, ParamGroup[] tables, ParamGroup idTable, int dim, double[] grad, Gradient into, double scale) {
        int[][] slots = e.slots();
        for (int f = 0; f < tables.length; f++) {
            int[] rows = slots[f];
            double s = scale / rows.length;
            for (int r : rows) into.addToRow(tables[f], r, grad, f * dim, s);
        }
        if (idTable != null && e.idRow() >= 0) into.addToRow(idTable, e.idRow(), grad, tables.length * dim, scale);
    }
}
