package dev.metarec.nn;

import java.util.Random;

/**
 * Initial meta-parameters, deterministic under a seed (groups drawn in layout order from one
 * {@link Random}, whose algorithm the JDK specification fixes). Hidden ReLU layers: He et al.,
 * "Delving Deep into Rectifiers", ICCV 2015 (normal, variance 2 / fan-in). Output layer: Glorot &amp;
 * Bengio, AISTATS 2010 (normal, variance 2 / (fan-in + fan-out)). Embedding rows: normal with standard
 * deviation {@link #EMBEDDING_STD}. Biases, {@code user.offset} and {@code user.bias} start at 0;
 * {@code meta.innerLr} at the configured initial inner learning rate.
 */
final class ParamInit {
    static final double EMBEDDING_STD = 0.1;

    private ParamInit() {}

    static Params initialise(NetworkShape shape, long seed) {
        Random random = new Random(seed);
        double[] v = new double[shape.layout.size()];
        for (ParamGroup g : shape.layout.groups()) {
            double std = std(shape, g);
            if (std > 0) for (int i = g.offset(); i < g.end(); i++) v[i] = std * random.nextGaussian();
        }
        java.util.Arrays.fill(v, shape.innerLr.offset(), shape.innerLr.end(), shape.config.initialInnerLr());
        return Params.wrap(shape.layout, v);
    }

    private static double std(NetworkShape shape, ParamGroup g) {
        if (g.kind() == ParamGroup.Kind.TABLE) return EMBEDDING_STD;
        int out = shape.hiddenLayers();
        for (int k = 0; k < out; k++) if (g.equals(shape.dense[NetworkShape.weight(k)])) return Math.sqrt(2.0 / g.rows());
        if (g.equals(shape.dense[NetworkShape.weight(out)])) return Math.sqrt(2.0 / (g.rows() + g.cols()));
        return 0;
    }
}
