package dev.metarec.math;

/**
 * Level-2 kernels on a matrix held as separate row arrays ({@code rows[j]} = the weights leaving input j).
 * The output and a row are indexed alike ({@code y[o]}, {@code rows[j][o]}), so C2 can vectorise the
 * updates without proving the arrays distinct; with differently shifted slices of flat arrays it
 * can't, and runs them scalar, about 2-3x slower. Rows are copied once per call ({@link #copyRows},
 * {@link #transpose}) and reused across a batch's examples.
 */
public final class DenseRows {
    private DenseRows() {}

    /** {@link #vecMatAddInPlace(double[], int, int, double[][], int, double[], int[])} with its own scratch. */
    public static void vecMatAddInPlace(double[] x, int xOff, int n, double[][] rows, int rowOff, double[] y) {
        vecMatAddInPlace(x, xOff, n, rows, rowOff, y, new int[n]);
    }

    /**
     * y += sum_j x[xOff + j] rows[rowOff + j] over j < n (the forward pass of a dense layer). Zero inputs
     * (ReLU's inactive units) are skipped: their indices are first compacted into {@code active}
     * (scratch, at least n long) without branching, since a ReLU pattern defeats branch prediction;
     * the remaining rows are applied four at a time, so y is loaded and stored once per four rows (the
     * last one to three in one more pass).
     */
    public static void vecMatAddInPlace(double[] x, int xOff, int n, double[][] rows, int rowOff, double[] y, int[] active) {
        int count = 0;
        for (int j = 0; j < n; j++) {
            active[count] = j;
            count += x[xOff + j] != 0 ? 1 : 0;
        }
        int out = y.length, k = 0;
        for (; k + 3 < count; k += 4) {
            int j0 = active[k], j1 = active[k + 1], j2 = active[k + 2], j3 = active[k + 3];
            double a = x[xOff + j0], b = x[xOff + j1], c = x[xOff + j2], d = x[xOff + j3];
            double[] r0 = rows[rowOff + j0], r1 = rows[rowOff + j1], r2 = rows[rowOff + j2], r3 = rows[rowOff + j3];
            for (int o = 0; o < out; o++) y[o] += a * r0[o] + b * r1[o] + c * r2[o] + d * r3[o];
        }
        int rest = count - k;
        if (rest > 0) {                       // one more pass for the last 1-3 rows, padded with zero coefficients
            int j0 = active[k], j1 = active[k + (rest > 1 ? 1 : 0)], j2 = active[k + (rest > 2 ? 2 : 0)];
            double a = x[xOff + j0], b = rest > 1 ? x[xOff + j1] : 0, c = rest > 2 ? x[xOff + j2] : 0;
            double[] r0 = rows[rowOff + j0], r1 = rows[rowOff + j1], r2 = rows[rowOff + j2];
            for (int o = 0; o < out; o++) y[o] += a * r0[o] + b * r1[o] + c * r2[o];
        }
    }

    /** rows[rowOff + j][o] += x[xOff + j] * g[o] for j < n, o < g.length (a weight gradient: an outer product). */
    public static void outerAddInPlace(double[] x, int xOff, int n, double[] g, double[][] rows, int rowOff) {
        for (int j = 0; j < n; j++) {
            double xj = x[xOff + j];
            if (xj != 0) axpyRow(xj, g, rows[rowOff + j]);
        }
    }

    /**
     * rows[rowOff + j][o] += sum over e < 4 of xs[e][j] * gs[e][o], for j < n: four outer products in one
     * pass, so each row of the gradient is loaded and stored once per four examples.
     */
    public static void outer4AddInPlace(double[][] xs, double[][] gs, int n, double[][] rows, int rowOff) {
        double[] x0 = xs[0], x1 = xs[1], x2 = xs[2], x3 = xs[3];
        double[] g0 = gs[0], g1 = gs[1], g2 = gs[2], g3 = gs[3];
        for (int j = 0; j < n; j++) {
            double a = x0[j], b = x1[j], c = x2[j], d = x3[j];
            double[] r = rows[rowOff + j];
            for (int o = 0; o < r.length; o++) r[o] += a * g0[o] + b * g1[o] + c * g2[o] + d * g3[o];
        }
    }

    /** y += a r, over y's length. */
    public static void axpyRow(double a, double[] r, double[] y) {
        for (int o = 0; o < y.length; o++) y[o] += a * r[o];
    }

    /** Rows {@code first .. first + count} of the {@code ? x cols} row-major matrix at {@code w[wOff]}, as separate arrays. */
    public static double[][] copyRows(double[] w, int wOff, int first, int count, int cols) {
        double[][] rows = new double[count][];
        for (int j = 0; j < count; j++) {
            int from = wOff + (first + j) * cols;
            rows[j] = java.util.Arrays.copyOfRange(w, from, from + cols);
        }
        return rows;
    }

    /** The transpose of rows {@code first .. first + count} of that matrix: {@code cols} arrays of {@code count}. */
    public static double[][] transpose(double[] w, int wOff, int first, int count, int cols) {
        double[][] t = new double[cols][count];
        for (int j = 0; j < count; j++) {
            int from = wOff + (first + j) * cols;
            for (int o = 0; o < cols; o++) t[o][j] = w[from + o];
        }
        return t;
    }

    /** Zero row arrays. */
    public static double[][] zeros(int rows, int cols) { return new double[rows][cols]; }

    /** Writes the rows back, one after another, into a flat row-major array from {@code into[off]}. */
    public static void flattenInto(double[][] rows, double[] into, int off) {
        for (double[] r : rows) {
            System.arraycopy(r, 0, into, off, r.length);
            off += r.length;
        }
    }
}
