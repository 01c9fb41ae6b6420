package dev.metarec.nn;

import dev.metarec.math.Vectors;

import java.util.Arrays;

/**
 * Per-call accumulators for the dense groups' gradients (or R-gradients), routed at the end of a pass:
 * adapted groups into the dense fast vector, the others into the sparse slow {@link Gradient}. A weight
 * matrix may be accumulated as row arrays ({@link #rowsOf}) for the vectorised kernels; they are
 * folded into the flat accumulator when routed.
 */
final class DenseGrads {
    private final double[][] g;
    private final double[][][] rows;
    private final ParamGroup[] groups;

    DenseGrads(NetworkShape shape) {
        groups = shape.dense;
        g = new double[groups.length][];
        rows = new double[groups.length][][];
        for (int id = 0; id < g.length; id++) if (groups[id] != null) g[id] = new double[groups[id].size()];
    }

    /** The flat accumulator of group {@code id}. */
    double[] of(int id) { return g[id]; }

    /** Row-array accumulator of group {@code id} (rows x cols), created on first use. */
    double[][] rowsOf(int id) {
        if (rows[id] == null) rows[id] = new double[groups[id].rows()][groups[id].cols()];
        return rows[id];
    }

    /**
     * Writes adapted groups into {@code intoFast} (overwriting it; skipped when null) and adds
     * {@code slowScale} times the others into {@code intoSlow} (skipped when null).
     */
    void route(NetworkShape shape, FastLayout fastLayout, double[] intoFast, Gradient intoSlow, double slowScale) {
        for (int id = 0; id < g.length; id++) {
            if (rows[id] == null) continue;
            int cols = groups[id].cols();
            for (int r = 0; r < rows[id].length; r++) Vectors.axpyInPlace(1.0, rows[id][r], 0, g[id], r * cols, cols);
            rows[id] = null;
        }
        if (intoFast != null) Arrays.fill(intoFast, 0.0);
        boolean[] adapted = new boolean[g.length];
        for (FastLayout.Slot s : fastLayout.slots()) {
            int id = Weights.denseId(shape, s.group());
            if (id < 0) continue;
            adapted[id] = true;
            if (intoFast != null) System.arraycopy(g[id], 0, intoFast, s.fastOffset(), g[id].length);
        }
        if (intoSlow == null) return;
        for (int id = 0; id < g.length; id++) {
            ParamGroup group = shape.dense[id];
            if (group == null || adapted[id]) continue;
            for (int r = 0; r < group.rows(); r++) intoSlow.addToRow(group, r, g[id], r * group.cols(), slowScale);
        }
    }
}
