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

    /** The positions of the {@code m} largest values (all of them when m >= values.length; ties: any of them), in no order: a min-heap of m. */
    public static int[] largest(double[] values, int m) {
        if (m >= values.length) return java.util.stream.IntStream.range(0, values.length).toArray();
        if (m <= 0) return new int[0];
        int[] heap = new int[m];
        for (int i = 0; i < m; i++) {
            heap[i] = i;
            for (int c = i; c > 0 && values[heap[c]] < values[heap[(c - 1) / 2]]; c = (c - 1) / 2) swap(heap, c, (c - 1) / 2);
        }
        for (int i = m; i < values.length; i++) {
            if (!(values[i] > values[heap[0]])) continue;
            heap[0] = i;
            for (int c = 0; ; ) {   // sift down
                int l = 2 * c + 1, r = l + 1, least = c;
                if (l < m && values[heap[l]] < values[heap[least]]) least = l;
                if (r < m && values[heap[r]] < values[heap[least]]) least = r;
                if (least == c) break;
                swap(heap, c, least);
                c = least;
            }
        }
        return heap;
    }

    private static void swap(int[] v, int i, int j) { int t = v[i]; v[i] = v[j]; v[j] = t; }
}
