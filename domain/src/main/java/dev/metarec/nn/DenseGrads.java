package dev.metarec.nn;

import java.util.Arrays;

/**
 * Per-call accumulators for the dense groups' gradients (or R-gradients), routed at the end of a pass:
 * adapted groups into the dense fast vector, the others into the sparse slow {@link Gradient}.
 */
final class DenseGrads {
    private final double[][] g;

    DenseGrads(NetworkShape shape) {
        g = new double[shape.dense.length][];
        for (int id = 0; id < g.length; id++) if (shape.dense[id] != null) g[id] = new double[shape.dense[id].size()];
    }

    double[] of(int id) { return g[id]; }

    /**
     * Writes adapted groups into {@code intoFast} (overwriting it; skipped when null) and adds
     * {@code slowScale} times the others into {@code intoSlow} (skipped when null).
     */
    void route(NetworkShape shape, FastLayout fastLayout, double[] intoFast, Gradient intoSlow, double slowScale) {
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
