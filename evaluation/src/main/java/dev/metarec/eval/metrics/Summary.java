package dev.metarec.eval.metrics;

/**
 * Mean and 95% confidence interval of per-seed values: mean +- t(0.975, n-1) * sd / sqrt(n), with
 * Student's t quantile (exact table for n-1 <= 30, normal quantile 1.96 beyond).
 */
public record Summary(int n, double mean, double halfWidth) {
    private static final double[] T975 = {Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
            2.056, 2.052, 2.048, 2.045, 2.042};

    public static Summary of(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("no values to summarise");
        double mean = 0;
        for (double v : values) mean += v;
        mean /= values.length;
        if (values.length == 1) return new Summary(1, mean, Double.NaN);
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (values.length - 1));
        int df = values.length - 1;
        double t = df < T975.length ? T975[df] : 1.96;
        return new Summary(values.length, mean, t * sd / Math.sqrt(values.length));
    }

    public double low() { return mean - halfWidth; }

    public double high() { return mean + halfWidth; }

    /** True when this interval lies entirely below the other's (both need n >= 2). */
    public boolean entirelyBelow(Summary other) { return high() < other.low(); }
}
