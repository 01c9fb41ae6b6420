package dev.metarec.meta;

/**
 * The outcome of an inner loop: the adapted fast weights (laid out by the model's
 * {@link dev.metarec.nn.FastLayout}, all finite), the weighted support loss before the first step and
 * after the last, and the number of gradient steps taken.
 */
public record AdaptResult(double[] fast, double lossBefore, double lossAfter, int steps) {
    public AdaptResult {
        fast = fast.clone();
    }

    /** A copy of the fast weights. */
    @Override public double[] fast() { return fast.clone(); }
}
