package dev.metarec.math;

/**
 * Level-2 kernels for a weight matrix {@code W} of shape {@code in x out} stored row-major from
 * {@code w[wOff]} (row j = the weights leaving input j). Inner loops run over {@code out} contiguous
 * elements. Because the output and the weights are slices of arrays that might be the same, C2 (as of
 * JDK 25) does not vectorise these loops; hot loops use {@link DenseRows} on copied row arrays instead.
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
