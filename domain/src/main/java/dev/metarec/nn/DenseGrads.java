package dev.metarec.nn;

import dev.metarec.math.DenseRows;
import dev.metarec.math.Vectors;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-call accumulators for the dense groups' gradients (or R-gradients), routed at the end of a pass:
 * adapted groups into the dense fast vector, the others into the sparse slow {@link Gradient}.
 * A weight matrix wider than 1 is accumulated as row arrays, and its outer products are buffered four
 * at a time ({@link #addOuter}) so each gradient row is stored once per four examples; a group is
 * accumulated either that way or flat ({@link #of}), never both. Not thread-safe; one per call.
 */
final class DenseGrads {
    private final double[][] g;            // flat accumulators, allocated on first use
    private final double[][][] rows;
    private final ParamGroup[] groups;
    private final Map<Long, OuterBlock> blocks = new HashMap<>();
    private final boolean[] wanted;        // null: every group; else only these are accumulated
    private final double[][] discard;      // where an unwanted flat group's additions go

    /** Accumulates every dense group. */
    DenseGrads(NetworkShape shape) { this(shape, null); }

    /**
     * Accumulates only the groups {@code wanted} marks (by dense id; null = all): an adaptation step, which has no
     * meta-gradient to give, needs the adapted groups' gradients only, and skips the outer products of the others
     * (the first layer's, when W0 does not adapt).
     */
    DenseGrads(NetworkShape shape, boolean[] wanted) {
        groups = shape.dense;
        g = new double[groups.length][];
        rows = new double[groups.length][][];
        this.wanted = wanted == null ? null : wanted.clone();
        this.discard = new double[groups.length][];
    }

    /** The dense ids of the groups that adapt. */
    static boolean[] adapted(NetworkShape shape, FastLayout fastLayout) {
        boolean[] out = new boolean[shape.dense.length];
        for (FastLayout.Slot s : fastLayout.slots()) {
            int id = Weights.denseId(shape, s.group());
            if (id >= 0) out[id] = true;
        }
        return out;
    }

    /** The flat accumulator of group {@code id} (biases, offsets, 1-wide weights). */
    double[] of(int id) {
        if (wanted != null && !wanted[id]) return discard[id] != null ? discard[id] : (discard[id] = new double[groups[id].size()]);
        if (rows[id] != null) throw new IllegalStateException(groups[id].name() + " is accumulated as rows");
        if (g[id] == null) g[id] = new double[groups[id].size()];
        return g[id];
    }

    /** dW[first .. first + n, :] += x[0 .. n) outer gOut, for weight group {@code id}. */
    void addOuter(int id, int first, double[] x, int n, double[] gOut) {
        if (wanted != null && !wanted[id]) return;
        if (gOut.length == 1) {
            Vectors.axpyInPlace(gOut[0], x, 0, of(id), first, n);
            return;
        }
        if (rows[id] == null) rows[id] = DenseRows.zeros(groups[id].rows(), groups[id].cols());
        blocks.computeIfAbsent(((long) id << 32) | first, k -> new OuterBlock(rows[id], first, n, gOut.length)).add(x, gOut);
    }

    /**
     * Writes adapted groups into {@code intoFast} (overwriting it; skipped when null) and adds
     * {@code slowScale} times the others into {@code intoSlow} (skipped when null).
     */
    void route(NetworkShape shape, FastLayout fastLayout, double[] intoFast, Gradient intoSlow, double slowScale) {
        for (OuterBlock b : blocks.values()) b.flush();
        if (intoFast != null) Arrays.fill(intoFast, 0.0);
        boolean[] adapted = new boolean[g.length];
        for (FastLayout.Slot s : fastLayout.slots()) {
            int id = Weights.denseId(shape, s.group());
            if (id < 0) continue;
            adapted[id] = true;
            if (intoFast == null) continue;
            if (rows[id] != null) DenseRows.flattenInto(rows[id], intoFast, s.fastOffset());
            else if (g[id] != null) System.arraycopy(g[id], 0, intoFast, s.fastOffset(), g[id].length);
        }
        if (intoSlow == null) return;
        for (int id = 0; id < g.length; id++) {
            ParamGroup group = shape.dense[id];
            if (group == null || adapted[id] || (rows[id] == null && g[id] == null)) continue;   // never written: zero
            for (int r = 0; r < group.rows(); r++) {
                if (rows[id] != null) intoSlow.addToRow(group, r, rows[id][r], 0, slowScale);
                else intoSlow.addToRow(group, r, g[id], r * group.cols(), slowScale);
            }
        }
    }

    /** Up to four buffered (x, g) pairs for one block of rows, applied together. */
    private static final class OuterBlock {
        private final double[][] target;
        private final int first;
        private final int n;
        private final double[][] xs, gs;
        private int count;

        OuterBlock(double[][] target, int first, int n, int width) {
            this.target = target;
            this.first = first;
            this.n = n;
            this.xs = new double[4][n];
            this.gs = new double[4][width];
        }

        void add(double[] x, double[] g) {
            System.arraycopy(x, 0, xs[count], 0, n);
            System.arraycopy(g, 0, gs[count], 0, g.length);
            if (++count == 4) {
                DenseRows.outer4AddInPlace(xs, gs, n, target, first);
                count = 0;
            }
        }

        void flush() {
            for (int e = 0; e < count; e++) DenseRows.outerAddInPlace(xs[e], 0, n, gs[e], target, first);
            count = 0;
        }
    }
}
