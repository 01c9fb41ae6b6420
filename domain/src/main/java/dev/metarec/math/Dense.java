package dev.metarec.math;

/**
 * Level-2 kernels for a weight matrix {@code W} of shape {@code in x out} stored row-major from
 * {@code w[wOff]} (row j = the weights leaving input j). Inner loops run over {@code out} contiguous
 * elements, which C2 vectorises.
 */
public final class Dense {
    private Dense() {}

    /**
     * y[yOff .. yOff + out) += x[xOff .. xOff + in) W (the forward pass of a dense layer). Rows whose
     * input is exactly 0 (ReLU's inactive units) are skipped; the others are applied four at a time, so
     * y is loaded and stored once per four rows of W.
     */
    public static void vecMatAddInPlace(double[] x, int xOff, int in, double[] w, int wOff, int out, double[] y, int yOff) {
        int pending = 0, j0 = 0, j1 = 0, j2 = 0;
        for (int j = 0; j < in; j++) {
            if (x[xOff + j] == 0) continue;
            switch (pending++) {
                case 0 -> j0 = j;
                case 1 -> j1 = j;
                case 2 -> j2 = j;
                default -> {
                    axpy4(x[xOff + j0], wOff + j0 * out, x[xOff + j1], wOff + j1 * out, x[xOff + j2], wOff + j2 * out,
                            x[xOff + j], wOff + j * out, w, out, y, yOff);
                    pending = 0;
                }
            }
        }
        if (pending > 0) Vectors.axpyInPlace(x[xOff + j0], w, wOff + j0 * out, y, yOff, out);
        if (pending > 1) Vectors.axpyInPlace(x[xOff + j1], w, wOff + j1 * out, y, yOff, out);
        if (pending > 2) Vectors.axpyInPlace(x[xOff + j2], w, wOff + j2 * out, y, yOff, out);
    }

    /** y += a w[ra..] + b w[rb..] + c w[rc..] + d w[rd..], each row {@code out} long. */
    private static void axpy4(double a, int ra, double b, int rb, double c, int rc, double d, int rd,
                              double[] w, int out, double[] y, int yOff) {
        for (int o = 0; o < out; o++) y[yOff + o] += a * w[ra + o] + b * w[rb + o] + c * w[rc + o] + d * w[rd + o];
    }

    /**
     * y += x W for W given as separate row arrays ({@code rows[j]} = the weights leaving input j, each at
     * least {@code y.length} long). Because y and a row are indexed alike, C2 can vectorise the update
     * without proving the arrays distinct, which it can't for {@link #vecMatAddInPlace}'s shifted slices;
     * this is the kernel for hot inference loops over a copied weight matrix. Zero inputs are skipped;
     * the others are applied four rows at a time.
     */
    public static void vecMatRowsAddInPlace(double[] x, double[][] rows, double[] y) {
        int out = y.length;
        int pending = 0, j0 = 0, j1 = 0, j2 = 0;
        for (int j = 0; j < x.length; j++) {
            if (x[j] == 0) continue;
            switch (pending++) {
                case 0 -> j0 = j;
                case 1 -> j1 = j;
                case 2 -> j2 = j;
                default -> {
                    double a = x[j0], b = x[j1], c = x[j2], d = x[j];
                    double[] r0 = rows[j0], r1 = rows[j1], r2 = rows[j2], r3 = rows[j];
                    for (int o = 0; o < out; o++) y[o] += a * r0[o] + b * r1[o] + c * r2[o] + d * r3[o];
                    pending = 0;
                }
            }
        }
        if (pending > 0) axpyRow(x[j0], rows[j0], y);
        if (pending > 1) axpyRow(x[j1], rows[j1], y);
        if (pending > 2) axpyRow(x[j2], rows[j2], y);
    }

    /** y += a r, over y's length. */
    public static void axpyRow(double a, double[] r, double[] y) {
        for (int o = 0; o < y.length; o++) y[o] += a * r[o];
    }

    /** Copies rows {@code first .. first + count) of the {@code ? x cols} matrix at {@code w[wOff]} into separate arrays. */
    public static double[][] copyRows(double[] w, int wOff, int first, int count, int cols) {
        double[][] rows = new double[count][];
        for (int j = 0; j < count; j++) {
            int from = wOff + (first + j) * cols;
            rows[j] = java.util.Arrays.copyOfRange(w, from, from + cols);
        }
        return rows;
    }

    /** d[dOff + j] = (W g)_j = sum_o W[j][o] g[gOff + o], for j < in (back-propagation through a layer). */
    public static void matVec(double[] w, int wOff, int in, int out, double[] g, int gOff, double[] d, int dOff) {
        for (int j = 0; j < in; j++) d[dOff + j] = Vectors.dot(w, wOff + j * out, g, gOff, out);
    }

    /** d[dOff + j] += (W g)_j, for j < in. */
    public static void matVecAddInPlace(double[] w, int wOff, int in, int out, double[] g, int gOff, double[] d, int dOff) {
        for (int j = 0; j < in; j++) d[dOff + j] += Vectors.dot(w, wOff + j * out, g, gOff, out);
    }

    /** G[j][o] += x[xOff + j] * g[gOff + o] (the weight gradient of a dense layer: an outer product). */
    public static void outerAddInPlace(double[] x, int xOff, int in, double[] g, int gOff, int out, double[] gw, int gwOff) {
        for (int j = 0; j < in; j++) {
            double xj = x[xOff + j];
            if (xj == 0) continue;
            int row = gwOff + j * out;
            for (int o = 0; o < out; o++) gw[row + o] += xj * g[gOff + o];
        }
    }
}
