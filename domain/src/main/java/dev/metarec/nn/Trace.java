package dev.metarec.nn;

/**
 * The activations of one item's pass through the MLP, and (when an R-pass runs) their directional
 * derivatives R{.} (Pearlmutter 1994). Per-call scratch; reused across the examples of one call.
 * {@code a[k]} is layer k's pre-activation, {@code h[k] = relu(a[k])} for the hidden layers,
 * {@code da[k] = dL/da[k]}; {@code ra, rh, rda} their R-versions.
 */
final class Trace {
    final double[] xi;
    /** Scratch for the kernels' active-row lists: as long as the widest layer input. */
    final int[] active;
    final double[][] a, h, da;
    final double[][] ra, rh, rda;

    Trace(NetworkShape shape, boolean withR) {
        int layers = shape.layers();
        int hidden = shape.hiddenLayers();
        xi = new double[shape.itemWidth];
        int widest = shape.itemWidth;
        for (int width : shape.widths) widest = Math.max(widest, width);
        active = new int[widest];
        a = new double[layers][];
        da = new double[layers][];
        h = new double[hidden][];
        for (int k = 0; k < layers; k++) {
            a[k] = new double[shape.widths[k + 1]];
            da[k] = new double[shape.widths[k + 1]];
        }
        for (int k = 0; k < hidden; k++) h[k] = new double[shape.widths[k + 1]];
        if (withR) {
            ra = new double[layers][];
            rda = new double[layers][];
            rh = new double[hidden][];
            for (int k = 0; k < layers; k++) {
                ra[k] = new double[shape.widths[k + 1]];
                rda[k] = new double[shape.widths[k + 1]];
            }
            for (int k = 0; k < hidden; k++) rh[k] = new double[shape.widths[k + 1]];
        } else {
            ra = rh = rda = null;
        }
    }
}
