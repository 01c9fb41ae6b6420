package dev.metarec.math;

/**
 * Single-precision versions of the {@link DenseRows} serving kernels. Scoring a catalogue is bound by
 * these loops; in float, C2 packs twice as many lanes per vector instruction and the row arrays take
 * half the cache, which roughly halves the time. Training and adaptation stay in double.
 */
public final class FloatRows {
    private FloatRows() {}

    /**
     * y += sum_j x[j] rows[rowOff + j] over j < n, skipping zero inputs (ReLU's inactive units), eight (then
     * four) rows per pass over y; {@code active} is scratch at least n long. See {@link DenseRows#vecMatAddInPlace}.
     */
    public static void vecMatAddInPlace(float[] x, int n, float[][] rows, int rowOff, float[] y, int[] active) {
        int count = 0;
        for (int j = 0; j < n; j++) {
            active[count] = j;
            count += x[j] != 0 ? 1 : 0;
        }
        int out = y.length, k = 0;
        for (; k + 7 < count; k += 8) {   // eight rows per pass over y: half the loads and stores of y per multiply-add
            float a = x[active[k]], b = x[active[k + 1]], c = x[active[k + 2]], d = x[active[k + 3]];
            float e = x[active[k + 4]], f = x[active[k + 5]], g = x[active[k + 6]], h = x[active[k + 7]];
            float[] r0 = rows[rowOff + active[k]], r1 = rows[rowOff + active[k + 1]], r2 = rows[rowOff + active[k + 2]], r3 = rows[rowOff + active[k + 3]];
            float[] r4 = rows[rowOff + active[k + 4]], r5 = rows[rowOff + active[k + 5]], r6 = rows[rowOff + active[k + 6]], r7 = rows[rowOff + active[k + 7]];
            for (int o = 0; o < out; o++)
                y[o] += ((a * r0[o] + b * r1[o]) + (c * r2[o] + d * r3[o])) + ((e * r4[o] + f * r5[o]) + (g * r6[o] + h * r7[o]));
        }
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

    /**
     * sum over i < n of x[i] y[i], in double: four partial sums, so that the additions are not one chain of n
     * dependent adds (the output layer of every scored item ends here).
     */
    public static double dot(float[] x, float[] y, int n) { return dot(x, y, 0, n); }

    /** {@link #dot} of x and the n values of y from {@code yOff} (a row of a row-major table). */
    public static double dot(float[] x, float[] y, int yOff, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[i] * y[yOff + i];
            s1 += x[i + 1] * y[yOff + i + 1];
            s2 += x[i + 2] * y[yOff + i + 2];
            s3 += x[i + 3] * y[yOff + i + 3];
        }
        for (; i < n; i++) s0 += x[i] * y[yOff + i];
        return (s0 + s1) + (s2 + s3);
    }

    /** sum over i < n of max(x[i], 0) y[i], in double, four partial sums: {@link #dot} of the ReLU of x, without storing it. */
    public static double reluDot(float[] x, float[] y, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += Math.max(x[i], 0.0f) * y[i];
            s1 += Math.max(x[i + 1], 0.0f) * y[i + 1];
            s2 += Math.max(x[i + 2], 0.0f) * y[i + 2];
            s3 += Math.max(x[i + 3], 0.0f) * y[i + 3];
        }
        for (; i < n; i++) s0 += Math.max(x[i], 0.0f) * y[i];
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * sum over i < n of max(x[i] + z[i], 0) y[i]: {@link #reluDot} of x + z without keeping it. The products go to
     * {@code scratch} (at least n long) in one loop that C2 vectorises, then are summed in single precision with eight
     * partial sums: a first-stage estimate, one per item of a large catalogue, whose rounding is far below its error.
     */
    public static double reluSumDot(float[] x, float[] z, float[] y, int n, float[] scratch) {
        for (int i = 0; i < n; i++) scratch[i] = Math.max(x[i] + z[i], 0.0f) * y[i];
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            s0 += scratch[i];
            s1 += scratch[i + 1];
            s2 += scratch[i + 2];
            s3 += scratch[i + 3];
            s4 += scratch[i + 4];
            s5 += scratch[i + 5];
            s6 += scratch[i + 6];
            s7 += scratch[i + 7];
        }
        for (; i < n; i++) s0 += scratch[i];
        return ((double) s0 + s1) + ((double) s2 + s3) + (((double) s4 + s5) + ((double) s6 + s7));
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
