package dev.metarec.eval.metrics;

/** Point-prediction errors of ratings. */
public final class RatingMetrics {
    private RatingMetrics() {}

    /** Mean absolute error. */
    public static double mae(double[] predicted, double[] actual) {
        requireSameNonEmpty(predicted, actual);
        double s = 0;
        for (int i = 0; i < actual.length; i++) s += Math.abs(predicted[i] - actual[i]);
        return s / actual.length;
    }

    /** Root mean squared error. */
    public static double rmse(double[] predicted, double[] actual) {
        requireSameNonEmpty(predicted, actual);
        double s = 0;
        for (int i = 0; i < actual.length; i++) s += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
        return Math.sqrt(s / actual.length);
    }

    static void requireSameNonEmpty(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("can't compare " + a.length + " predictions with " + b.length + " targets");
        if (a.length == 0) throw new IllegalArgumentException("no predictions to score");
        for (int i = 0; i < a.length; i++)
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) throw new IllegalArgumentException("non-finite value at " + i + ": " + a[i] + " vs " + b[i]);
    }
}
