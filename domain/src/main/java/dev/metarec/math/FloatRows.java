package dev.metarec.math;

/**
 * Single-precision versions of the {@link DenseRows} serving kernels. Scoring a catalogue is bound by
 * these loops; in float, C2 packs twice as many lanes per vector instruction and the row arrays take
 * half the cache, which roughly halves the time. Training and adaptation stay in double.
 */
public final class FloatRows {
    private FloatRows() {}

    /**
     * y += sum_j x[j] rows[rowOff + j] over j < n, skipping zero inputs (ReLU's inactive units), four rows
     * per pass over y; {@code active} is scratch at least n long. See {@link DenseRows#vecMatAddInPlace}.
     */
    public static void vecMatAddInPlace(float[] x, int n, float[][] rows, int rowOff, float[] y, int[] active) {
        int count = 0;
        for (int j = 0; j < n; j++) {
            active[count] = j;
            count += x[j] != 0 ? 1 : 0;
        }
        int out = y.length, k = 0;
        for (; k + 3 < count; k += 4) {
            int j0 = active[k], j1 = active[k + 1], j2 = active[k + 2], j3 = active[k + 3];
            float a = x[j0], b = x[j1], c = x[j2], d = x[j3];
            float[] r0 = rows[rowOff + j0], r1 = rows[rowOff + j1], r2 = rows[rowOff + j2], r3 = rows[rowOff + j3];
            for (int o = 0; o < out; o++) y[o] += a * r0[o] + b * r1[o] + c * r2[o] + d * r3[o];
        }
        int rest = count - k;
        if (rest > 0) {
            int j0 = active[k], j1 = active[k + (rest > 1 ? 1 : 0)], j2 = active[k + (rest > 2 ? 2 : 0)];
            float a = x[j0], b = rest > 1 ? x[j1] : 0, c = rest > 2 ? x[j2] : 0;
            float[] r0 = rows[rowOff + j0], r1 = rows[rowOff + j1], r2 = rows[rowOff + j2];
            for (int o = 0; o < out; o++) y[o] += a * r0[o] + b * r1[o] + c * r2[o];
        }
    }

    /** y += a r, over y's length. */
    public static void axpyRow(float a, float[] r, float[] y) {
        for (int o = 0; o < y.length; o++) y[o] += a * r[o];
    }

    /** sum over i < n of x[i] y[i], in double. */
    public static double dot(float[] x, float[] y, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[i] * y[i];
        return s;
    }

    /** Rows {@code first .. first + count} of the {@code ? x cols} row-major matrix at {@code w[wOff]}, rounded to float. */
    public static float[][] copyRows(double[] w, int wOff, int first, int count, int cols) {
        float[][] rows = new float[count][cols];
        for (int j = 0; j < count; j++) {
            int from = wOff + (first + j) * cols;
            for (int o = 0; o < cols; o++) rows[j][o] = (float) w[from + o];
        }
        return rows;
    }

    /** {@code w[from .. from + n]} rounded to float. */
    public static float[] copy(double[] w, int from, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) w[from + i];
        return v;
    }
}
