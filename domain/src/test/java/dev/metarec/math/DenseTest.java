package dev.metarec.math;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernels against the textbook loops, at offsets, odd sizes and with zero inputs (the skip path). */
class DenseTest {
    private final Random r = new Random(1);

    private double[] random(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    @Test
    void rowKernels_matchNaiveLoops() {
        int in = 11, out = 6, first = 2, n = 7;
        double[] w = random(in * out), x = random(n), g = random(out);
        x[1] = 0;
        x[4] = 0;
        double[][] rows = DenseRows.copyRows(w, 0, 0, in, out);
        for (int j = 0; j < in; j++) for (int o = 0; o < out; o++) assertEquals(w[j * out + o], rows[j][o]);

        double[] y = random(out), expected = y.clone();
        for (int o = 0; o < out; o++) for (int j = 0; j < n; j++) expected[o] += x[j] * w[(first + j) * out + o];
        DenseRows.vecMatAddInPlace(x, 0, n, rows, first, y);
        assertArrayEquals(expected, y, 1e-12);

        double[] d = random(n), expectedD = d.clone();
        for (int j = 0; j < n; j++) for (int o = 0; o < out; o++) expectedD[j] += w[(first + j) * out + o] * g[o];
        DenseRows.vecMatAddInPlace(g, 0, out, DenseRows.transpose(w, 0, first, n, out), 0, d, new int[out]);
        assertArrayEquals(expectedD, d, 1e-12);

        double[][] gw = DenseRows.zeros(in, out);
        double[] expectedGw = new double[in * out];
        for (int j = 0; j < n; j++) for (int o = 0; o < out; o++) expectedGw[(first + j) * out + o] += x[j] * g[o];
        DenseRows.outerAddInPlace(x, 0, n, g, gw, first);
        double[] flat = new double[in * out];
        DenseRows.flattenInto(gw, flat, 0);
        assertArrayEquals(expectedGw, flat, 1e-12);
    }

    @Test
    void vecMat_withEveryNumberOfActiveRows_matchesNaiveLoop() {
        // 0 .. 9 non-zero inputs exercise the 4-row blocks and every remainder.
        for (int active = 0; active <= 9; active++) {
            double[] x = new double[9];
            for (int j = 0; j < active; j++) x[8 - 2 * j % 9] = r.nextGaussian();
            double[][] rows = new double[9][];
            for (int j = 0; j < 9; j++) rows[j] = random(5);
            double[] y = new double[5], expected = new double[5];
            for (int o = 0; o < 5; o++) for (int j = 0; j < 9; j++) expected[o] += x[j] * rows[j][o];
            DenseRows.vecMatAddInPlace(x, 0, 9, rows, 0, y);
            assertArrayEquals(expected, y, 1e-12, active + " active rows");
        }
    }

    @Test
    void vectorKernels_matchDefinitions() {
        double[] a = random(11), b = random(11);
        double dot = 0;
        for (int i = 0; i < 11; i++) dot += a[i] * b[i];
        assertEquals(dot, Vectors.dot(a, b), 1e-12);
        double[] c = b.clone();
        Vectors.axpyInPlace(0.5, a, c);
        for (int i = 0; i < 11; i++) assertEquals(b[i] + 0.5 * a[i], c[i], 1e-15);
        double[] relu = {-1, 0, 2};
        Vectors.reluInPlace(relu, 0, 3);
        assertArrayEquals(new double[] {0, 0, 2}, relu);
        double[] masked = {5, 6, 7};
        Vectors.reluMaskInPlace(new double[] {-1, 0, 3}, 0, masked, 0, 3);
        assertArrayEquals(new double[] {0, 0, 7}, masked);
    }

    @Test
    void mismatchedShapes_nameBothSizes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Vectors.dot(new double[3], new double[4]));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Shapes.requireLength("fast weights", 5, 7));
        assertEquals("fast weights has length 5 but 7 is required", e2.getMessage());
    }
}
