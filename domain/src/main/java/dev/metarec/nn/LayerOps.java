package dev.metarec.nn;

import dev.metarec.math.DenseRows;
import dev.metarec.math.Vectors;

/**
 * The three products of a dense layer, on the vectorised row-array kernels ({@link DenseRows}), with a
 * flat path for 1-wide layers (the output), where row arrays of length 1 would be slower. Rows
 * {@code first .. first + n} of weight group {@code id} take part (the first layer is used in its user
 * and item halves).
 */
final class LayerOps {
    private LayerOps() {}

    /** y += x[0 .. n) W[first .. first + n, :]; {@code scratch} at least n long. */
    static void addVecMat(Weights w, int id, int first, double[] x, int n, double[] y, int[] scratch) {
        if (y.length > 1) DenseRows.vecMatAddInPlace(x, 0, n, w.rows(id), first, y, scratch);
        else y[0] += Vectors.dot(x, 0, w.array(id), w.offset(id) + first, n);
    }

    /** y[0 .. n) += W[first .. first + n, :] g; {@code scratch} at least g.length long. */
    static void addMatVec(Weights w, int id, int first, int n, double[] g, double[] y, int[] scratch) {
        if (g.length > 1) DenseRows.vecMatAddInPlace(g, 0, g.length, w.transposed(id, first, n), 0, y, scratch);
        else Vectors.axpyInPlace(g[0], w.array(id), w.offset(id) + first, y, 0, n);
    }

    /** dW[first .. first + n, :] += x[0 .. n) outer g (buffered by {@link DenseGrads#addOuter}). */
    static void addOuter(DenseGrads grads, int id, int first, double[] x, int n, double[] g) {
        if (n == 0) return; // no rows (e.g. users without attributes): nothing to add, and no block may be keyed by it
        grads.addOuter(id, first, x, n, g);
    }
}
