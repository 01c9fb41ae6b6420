package dev.metarec.math;

/** Level-1 kernels over slices {@code a[aOff .. aOff + n)}. */
public final class Vectors {
    private Vectors() {}

    /** Returns sum_i a[aOff + i] * b[bOff + i]. */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < n; i++) s0 += a[aOff + i] * b[bOff + i];
        return (s0 + s1) + (s2 + s3);
    }

    public static double dot(double[] a, double[] b) {
        Shapes.requireSameLength("dot", a, b);
        return dot(a, 0, b, 0, a.length);
    }

    /** y[yOff + i] += alpha * x[xOff + i] for i < n. */
    public static void axpyInPlace(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    /** y += alpha * x (whole arrays). */
    public static void axpyInPlace(double alpha, double[] x, double[] y) {
        Shapes.requireSameLength("add", x, y);
        axpyInPlace(alpha, x, 0, y, 0, x.length);
    }

    /** x[off + i] *= alpha for i < n. */
    public static void scaleInPlace(double[] x, int off, int n, double alpha) {
        for (int i = 0; i < n; i++) x[off + i] *= alpha;
    }

    /** Sum of squares of {@code x[off .. off + n)}. */
    public static double sumOfSquares(double[] x, int off, int n) { return dot(x, off, x, off, n); }

    /** x[off + i] = max(x[off + i], 0) for i < n (ReLU). */
    public static void reluInPlace(double[] x, int off, int n) {
        for (int i = 0; i < n; i++) x[off + i] = Math.max(x[off + i], 0.0);
    }

    /** Zeroes g[gOff + i] wherever a[aOff + i] <= 0 (multiplies by ReLU's derivative, written in terms of its input). */
    public static void reluMaskInPlace(double[] a, int aOff, double[] g, int gOff, int n) {
        for (int i = 0; i < n; i++) if (a[aOff + i] <= 0) g[gOff + i] = 0;
    }

    /**
     * The positions of the {@code m} largest values (all of them when m >= values.length; ties: the first positions among
     * them; NaN counts as smaller than every number), in position order: the m-th largest found by selection on a copy
     * (linear time on average), then one pass collecting what beats it and as many of the values equal to it as fit.
     */
    public static int[] largest(double[] values, int m) {
        int n = values.length;
        if (m >= n) return java.util.stream.IntStream.range(0, n).toArray();
        if (m <= 0) return new int[0];
        double[] copy = new double[n];
        for (int i = 0; i < n; i++) copy[i] = nanLowest(values[i]);
        double threshold = select(copy, n - m);
        int above = 0;
        for (int i = 0; i < n; i++) if (values[i] > threshold) above++;
        int[] out = new int[m];
        int k = 0, ties = m - above;
        for (int i = 0; i < n; i++) {
            double v = nanLowest(values[i]);
            if (v > threshold || (v == threshold && ties-- > 0)) out[k++] = i;
        }
        return out;
    }

    private static double nanLowest(double v) { return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v; }

    /** The value that would sit at position {@code k} if {@code v} were sorted ascending (no NaN); reorders v. */
    private static double select(double[] v, int k) {
        int lo = 0, hi = v.length - 1;
        while (hi > lo) {
            double pivot = median(v[lo], v[(lo + hi) >>> 1], v[hi]);
            int i = lo, j = hi;
            while (i <= j) {   // Hoare partition: v[lo..j] <= pivot <= v[i..hi]
                while (v[i] < pivot) i++;
                while (v[j] > pivot) j--;
                if (i <= j) {
                    double t = v[i]; v[i] = v[j]; v[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return v[k];
        }
        return v[k];
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

}
