package dev.metarec.math;

/**
 * Level-2 kernels for a weight matrix {@code W} of shape {@code in x out} stored row-major from
 * {@code w[wOff]} (row j = the weights leaving input j). Inner loops run over {@code out} contiguous
 * elements, which C2 vectorises.
 */
public final class Dense {
    private Dense() {}

    /** y[yOff .. yOff + out) += x[xOff .. xOff + in) W (the forward pass of a dense layer). */
    public static void vecMatAddInPlace(double[] x, int xOff, int in, double[] w, int wOff, int out, double[] y, int yOff) {
        for (int j = 0; j < in; j++) {
            double xj = x[xOff + j];
            if (xj == 0) continue;
            int row = wOff + j * out;
            for (int o = 0; o < out; o++) y[yOff + o] += xj * w[row + o];
        }
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
