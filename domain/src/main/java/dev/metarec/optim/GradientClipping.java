package dev.metarec.optim;

import dev.metarec.math.Vectors;
import dev.metarec.nn.Gradient;

/**
 * Clipping by global norm (Pascanu, Mikolov &amp; Bengio, "On the difficulty of training recurrent neural
 * networks", ICML 2013): if ||g|| over the touched rows exceeds {@code maxNorm}, the gradient is used
 * scaled by {@code maxNorm / ||g||}. The {@link Gradient} itself is not changed.
 */
final class GradientClipping {
    private GradientClipping() {}

    /** The factor to multiply the gradient by: 1 when clipping is off ({@code maxNorm} infinite) or not needed. */
    static double factor(Gradient gradient, double maxNorm) {
        if (maxNorm == Double.POSITIVE_INFINITY) return 1.0;
        double[] g = gradient.array();
        double[] sum = new double[1];
        gradient.forEachTouchedRow((off, len) -> sum[0] += Vectors.sumOfSquares(g, off, len));
        double norm = Math.sqrt(sum[0]);
        return norm > maxNorm ? maxNorm / norm : 1.0;
    }

    static void requireMaxNorm(double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("maxGradNorm must be > 0 (or infinite for no clipping), was " + maxNorm);
    }
}
