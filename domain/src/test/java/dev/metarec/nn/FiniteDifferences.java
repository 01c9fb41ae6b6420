package dev.metarec.nn;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.fail;

/** Central finite differences and a relative-error assertion for gradient checks. */
public final class FiniteDifferences {
    public static final double EPS = 1e-5;

    private FiniteDifferences() {}

    /** (f(EPS) - f(-EPS)) / (2 EPS) where f(h) is the function at the point moved by h. */
    public static double central(DoubleUnaryOperator f) {
        return (f.applyAsDouble(EPS) - f.applyAsDouble(-EPS)) / (2 * EPS);
    }

    /** Fails unless |analytic - numeric| <= tol * max(|analytic|, |numeric|, floor). */
    public static void assertClose(double analytic, double numeric, double tol, double floor, String what) {
        double scale = Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), floor);
        double err = Math.abs(analytic - numeric) / scale;
        if (!(err <= tol)) fail(what + ": analytic " + analytic + " vs numeric " + numeric + " (relative error " + err + ")");
    }

    /** The default tolerance: relative error 1e-6 above an absolute floor of 1e-4. */
    public static void assertClose(double analytic, double numeric, String what) { assertClose(analytic, numeric, 1e-6, 1e-4, what); }
}
