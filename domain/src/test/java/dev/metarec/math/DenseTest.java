package dev.metarec.math;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernels against the textbook triple loops, at offsets and odd sizes. */
class DenseTest {
    private final Random r = new Random(1);

    private double[] random(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    @Test
    void vecMat_matVec_outer_matchNaiveLoops() {
        int in = 7, out = 5, wOff = 3, xOff = 2;
        double[] w = random(wOff + in * out), x = random(xOff + in), g = random(out);
        x[xOff + 3] = 0;   // the zero-skip path
        double[] y = random(out), expectedY = y.clone();
        for (int o = 0; o < out; o++) for (int j = 0; j < in; j++) expectedY[o] += x[xOff + j] * w[wOff + j * out + o];
        Dense.vecMatAddInPlace(x, xOff, in, w, wOff, out, y, 0);
        assertArrayEquals(expectedY, y, 1e-12);

        double[] d = new double[in + 1], expectedD = new double[in + 1];
        for (int j = 0; j < in; j++) for (int o = 0; o < out; o++) expectedD[j + 1] += w[wOff + j * out + o] * g[o];
        Dense.matVec(w, wOff, in, out, g, 0, d, 1);
        assertArrayEquals(expectedD, d, 1e-12);
        Dense.matVecAddInPlace(w, wOff, in, out, g, 0, d, 1);
        for (int j = 1; j <= in; j++) assertEquals(2 * expectedD[j], d[j], 1e-12);

        double[] gw = random(in * out), expectedGw = gw.clone();
        for (int j = 0; j < in; j++) for (int o = 0; o < out; o++) expectedGw[j * out + o] += x[xOff + j] * g[o];
        Dense.outerAddInPlace(x, xOff, in, g, 0, out, gw, 0);
        assertArrayEquals(expectedGw, gw, 1e-12);
    }

    @Test
    void rowKernels_matchTheFlatKernels() {
        int in = 9, out = 6, first = 2, n = 5;
        double[] w = random(in * out), x = random(n), g = random(out);
        x[1] = 0;
        double[][] rows = DenseRows.copyRows(w, 0, 0, in, out);
        double[] y = random(out), expected = y.clone();
        Dense.vecMatAddInPlace(x, 0, n, w, first * out, out, expected, 0);
        DenseRows.vecMatAddInPlace(x, 0, n, rows, first, y);
        assertArrayEquals(expected, y, 1e-12);

        double[] d = new double[n], expectedD = new double[n];
        Dense.matVec(w, first * out, n, out, g, 0, expectedD, 0);
        DenseRows.vecMatAddInPlace(g, 0, out, DenseRows.transpose(w, 0, first, n, out), 0, d);
        assertArrayEquals(expectedD, d, 1e-12);

        double[][] gw = DenseRows.zeros(in, out);
        double[] expectedGw = new double[in * out];
        Dense.outerAddInPlace(x, 0, n, g, 0, out, expectedGw, first * out);
        DenseRows.outerAddInPlace(x, 0, n, g, gw, first);
        double[] flat = new double[in * out];
        DenseRows.flattenInto(gw, flat, 0);
        assertArrayEquals(expectedGw, flat, 1e-12);
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
    }

    @Test
    void mismatchedShapes_nameBothSizes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Vectors.dot(new double[3], new double[4]));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Shapes.requireLength("fast weights", 5, 7));
        assertEquals("fast weights has length 5 but 7 is required", e2.getMessage());
    }
}
