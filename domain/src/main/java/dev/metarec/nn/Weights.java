package dev.metarec.nn;

import dev.metarec.math.DenseRows;
import dev.metarec.math.Shapes;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each dense group's values live for one call: in the fast vector if the group adapts, else in
 * the meta-parameters. Tables always live in the meta-parameters. Also used for an R-operator
 * direction, where groups that don't adapt have direction zero. A per-call value, never written
 * through and never shared between threads: it caches row-array copies of weight matrices
 * ({@link #rows}, {@link #transposed}) for the vectorised kernels of {@link DenseRows}.
 */
final class Weights {
    final double[] meta;
    private final double[][] arrays;
    private final int[] offsets;
    private final ParamGroup[] groups;
    private final double[][][] rows;
    private final Map<Long, double[][]> transposed = new HashMap<>();

    private Weights(NetworkShape shape, double[] meta, double[][] arrays, int[] offsets) {
        this.meta = meta;
        this.arrays = arrays;
        this.offsets = offsets;
        this.groups = shape.dense;
        this.rows = new double[arrays.length][][];
    }

    /** The effective weights: meta-parameters overridden by the fast vector for adapted groups. */
    static Weights of(NetworkShape shape, FastLayout fastLayout, Params meta, double[] fast) {
        if (!meta.layout().equals(shape.layout)) throw new IllegalArgumentException("meta-parameters have a different layout than this network");
        Shapes.requireLength("fast weights", fast.length, fastLayout.size());
        int n = shape.dense.length;
        double[][] arrays = new double[n][];
        int[] offsets = new int[n];
        for (int id = 0; id < n; id++) {
            ParamGroup g = shape.dense[id];
            if (g == null) continue;
            arrays[id] = meta.raw();
            offsets[id] = g.offset();
        }
        for (FastLayout.Slot s : fastLayout.slots()) {
            int id = denseId(shape, s.group());
            if (id < 0) continue;
            arrays[id] = fast;
            offsets[id] = s.fastOffset();
        }
        return new Weights(shape, meta.raw(), arrays, offsets);
    }

    /** A direction over the fast weights: adapted groups read {@code v}, all others are zero. */
    static Weights direction(NetworkShape shape, FastLayout fastLayout, double[] v) {
        Shapes.requireLength("direction v", v.length, fastLayout.size());
        int n = shape.dense.length;
        double[][] arrays = new double[n][];
        int[] offsets = new int[n];
        for (int id = 0; id < n; id++) {
            ParamGroup g = shape.dense[id];
            if (g != null) arrays[id] = new double[g.size()];
        }
        for (FastLayout.Slot s : fastLayout.slots()) {
            int id = denseId(shape, s.group());
            if (id < 0) continue;
            arrays[id] = v;
            offsets[id] = s.fastOffset();
        }
        return new Weights(shape, null, arrays, offsets);
    }

    static int denseId(NetworkShape shape, ParamGroup g) {
        for (int id = 0; id < shape.dense.length; id++) if (g.equals(shape.dense[id])) return id;
        return -1;
    }

    double[] array(int id) { return arrays[id]; }

    int offset(int id) { return offsets[id]; }

    double value(int id, int i) { return arrays[id][offsets[id] + i]; }

    /** Group {@code id} as row arrays (copied on first use). */
    double[][] rows(int id) {
        if (rows[id] == null) rows[id] = DenseRows.copyRows(arrays[id], offsets[id], 0, groups[id].rows(), groups[id].cols());
        return rows[id];
    }

    /** The transpose of rows {@code first .. first + count} of group {@code id}: {@code cols} arrays of {@code count} (built on first use). */
    double[][] transposed(int id, int first, int count) {
        return transposed.computeIfAbsent(((long) id << 32) | first,
                k -> DenseRows.transpose(arrays[id], offsets[id], first, count, groups[id].cols()));
    }
}
