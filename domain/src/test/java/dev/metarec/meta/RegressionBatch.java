package dev.metarec.meta;

/** Test batches for the test models: rows x, targets y, per-example weights. */
record RegressionBatch(double[][] x, double[] y, double[] weight) {
    RegressionBatch {
        if (x.length != y.length || y.length != weight.length) throw new IllegalArgumentException("ragged batch");
    }

    int size() { return y.length; }

    double totalWeight() {
        double s = 0;
        for (double w : weight) s += w;
        return s;
    }

    static RegressionBatch random(java.util.SplittableRandom r, int n, double[] trueW, double noise) {
        double[][] x = new double[n][trueW.length];
        double[] y = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < trueW.length; k++) x[i][k] = r.nextGaussian();
            for (int k = 0; k < trueW.length; k++) y[i] += trueW[k] * x[i][k];
            y[i] += noise * r.nextGaussian();
            w[i] = 0.5 + r.nextDouble();
        }
        return new RegressionBatch(x, y, w);
    }
}
