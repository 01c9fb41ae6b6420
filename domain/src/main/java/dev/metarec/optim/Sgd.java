package dev.metarec.optim;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.Params;

/**
 * Plain stochastic gradient descent (Robbins &amp; Monro, 1951): theta = theta - eta * clip * g over
 * the touched rows. Stateless.
 *
 * @param maxGradNorm clip the gradient to this global norm; {@code Double.POSITIVE_INFINITY} for none
 */
public record Sgd(double learningRate, double maxGradNorm) {
    public Sgd {
        if (!(learningRate > 0) || !Double.isFinite(learningRate))
            throw new IllegalArgumentException("learningRate must be a positive finite number, was " + learningRate);
        GradientClipping.requireMaxNorm(maxGradNorm);
    }

    public static Sgd of(double learningRate) { return new Sgd(learningRate, Double.POSITIVE_INFINITY); }

    /** The parameters after one step; throws {@link dev.metarec.nn.NonFiniteException} naming the group on a non-finite gradient or result. */
    public Params step(Params params, Gradient gradient) {
        if (!gradient.layout().equals(params.layout())) throw new IllegalArgumentException("parameters and gradient must share one layout");
        gradient.requireFinite("SGD step");
        double rate = learningRate * GradientClipping.factor(gradient, maxGradNorm);
        double[] theta = params.toArray();
        double[] g = gradient.array();
        gradient.forEachTouchedRow((off, len) -> {
            for (int i = off; i < off + len; i++) theta[i] -= rate * g[i];
        });
        Params next = Params.wrap(params.layout(), theta);
        Adam.requireTouchedFinite(next, gradient, "SGD step");
        return next;
    }
}
