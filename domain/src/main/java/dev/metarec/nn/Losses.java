package dev.metarec.nn;

/**
 * The per-example losses of each {@link Objective} as functions of the score {@code s} (for BPR, of the
 * score difference {@code z = s(pos) - s(neg)}), with their first and second derivatives, computed
 * without overflow for any finite input.
 *
 * <ul>
 *   <li>SQUARED_ERROR: l = (s - t)^2, l' = 2 (s - t), l'' = 2.</li>
 *   <li>LOGISTIC: l = softplus(s) - t s (the log-loss of p = sigmoid(s) against t in [0, 1]),
 *       l' = sigmoid(s) - t, l'' = sigmoid(s) (1 - sigmoid(s)).</li>
 *   <li>BPR (Rendle et al., "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009):
 *       l = -log sigmoid(z) = softplus(-z), l' = sigmoid(z) - 1, l'' = sigmoid(z) (1 - sigmoid(z)).</li>
 * </ul>
 */
final class Losses {
    private Losses() {}

    static double value(Objective objective, double s, double t) {
        return switch (objective) {
            case SQUARED_ERROR -> (s - t) * (s - t);
            case LOGISTIC -> softplus(s) - t * s;
            case BPR -> softplus(-s);
        };
    }

    static double first(Objective objective, double s, double t) {
        return switch (objective) {
            case SQUARED_ERROR -> 2 * (s - t);
            case LOGISTIC -> sigmoid(s) - t;
            case BPR -> sigmoid(s) - 1;
        };
    }

    static double second(Objective objective, double s) {
        return switch (objective) {
            case SQUARED_ERROR -> 2;
            case LOGISTIC, BPR -> {
                double p = sigmoid(s);
                yield p * (1 - p);
            }
        };
    }

    /** Rejects a target the objective can't use. */
    static void requireTarget(Objective objective, double t) {
        if (objective == Objective.LOGISTIC && !(t >= 0 && t <= 1))
            throw new IllegalArgumentException("LOGISTIC needs a target in [0, 1], was " + t);
    }

    /** 1 / (1 + e^-x), evaluated on the side where the exponential can't overflow. */
    static double sigmoid(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|). */
    static double softplus(double x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }
}
