package dev.metarec.nn;

import dev.metarec.features.EncodedCatalogue;
import dev.metarec.features.EncodedEntity;
import dev.metarec.math.FloatRows;
import dev.metarec.math.Vectors;

import java.util.Arrays;
import java.util.stream.IntStream;

import static dev.metarec.nn.NetworkShape.USER_BIAS;
import static dev.metarec.nn.NetworkShape.bias;
import static dev.metarec.nn.NetworkShape.weight;

/**
 * Scores many items for one user, fast. The first layer is linear in each slot's pooled embedding, so
 * an item's share of it is sum over slots f of mean over its rows r of P_f[r], with
 * P_f[r] = E_f[r] W0[rows of slot f]. Each P_f[r] is computed the first time an item uses row r and
 * reused by every later item, which turns the first layer's (item slots x dim) x width multiply per
 * item into a few width-long additions. Where that would cost more than it saves (a large table read by
 * few items; {@link ProjectionPlan}) the slot is pooled and multiplied per item instead, as is the ID
 * slot (one row per item). The weights are copied once per call into single-precision row arrays
 * ({@link FloatRows}): the hot loops vectorise with twice the lanes of double and the rows take half
 * the cache. Results equal {@link Mlp#forward} up to single-precision rounding (relative error of
 * order 1e-6 of the score scale); training and adaptation stay in double. Per-call scratch.
 */
final class CatalogueScorer {
    private final NetworkShape shape;
    private final double[] meta;
    private final float[] userPre;
    private final double userBias;
    private final float[][][] slotRowsW0;     // slotRowsW0[s] = W0's rows for item slot s (features, then ID), copied on first use
    private final double[] w0;                // W0, and where it starts in that array
    private final int w0Offset;
    private final float[] embedding;          // scratch: one embedding row
    private final int[] active;               // scratch for the kernels
    private final float[][][] layerRows;      // layerRows[k] = rows of W_k, k = 1 .. hidden (the output layer is outW)
    private final float[][] biases;           // biases[k] = b_k, k = 1 .. hidden
    private final float[] outW;               // the output layer's single column
    private final double outB;
    private final float[][][] projections;    // projections[f][row] = P_f[row], or null until first use
    private final boolean[] cached;           // per item feature slot: cache projections, or pool then multiply
    private final float[][] a;                // pre-activations per layer
    private final float[][] h;                // activations per hidden layer

    /** {@code cached[f]}: whether slot f caches per-row projections ({@link ProjectionPlan}). */
    CatalogueScorer(NetworkShape shape, Weights w, UserSide user, boolean[] cached) {
        this(shape, w, FloatRows.copy(user.userPre, 0, user.userPre.length), cached);
    }

    /** With the user's share of the first layer given ({@code userPre}, {@code width(1)} long; zeros give the items' share alone). */
    private CatalogueScorer(NetworkShape shape, Weights w, float[] userPre, boolean[] cached) {
        this.shape = shape;
        this.cached = cached.clone();
        this.meta = w.meta;
        this.userPre = userPre;
        this.userBias = w.value(USER_BIAS, 0);
        int hidden = shape.hiddenLayers();
        int slots = shape.config.itemSlots();
        slotRowsW0 = new float[slots][][];   // scoring from item sides never reads them: copied per slot on first use
        w0 = w.array(weight(0));
        w0Offset = w.offset(weight(0));
        embedding = new float[shape.dim];
        int widest = shape.dim;
        for (int wd : shape.widths) widest = Math.max(widest, wd);
        active = new int[widest];
        layerRows = new float[hidden][][];
        biases = new float[hidden][];
        for (int k = 1; k < hidden; k++) {
            layerRows[k] = FloatRows.copyRows(w.array(weight(k)), w.offset(weight(k)), 0, shape.widths[k], shape.widths[k + 1]);
            biases[k] = FloatRows.copy(w.array(bias(k)), w.offset(bias(k)), shape.widths[k + 1]);
        }
        outW = FloatRows.copy(w.array(weight(hidden)), w.offset(weight(hidden)), shape.widths[hidden]);
        outB = w.value(bias(hidden), 0);
        projections = new float[shape.itemTables.length][][];
        a = new float[hidden][];
        h = new float[hidden][];
        for (int k = 0; k < hidden; k++) {
            a[k] = new float[shape.widths[k + 1]];
            h[k] = new float[shape.widths[k + 1]];
        }
    }

    /** A scorer of the items' share of the first layer alone ({@link #itemSide}): no user. */
    static CatalogueScorer itemSides(NetworkShape shape, Weights w, boolean[] cached) {
        return new CatalogueScorer(shape, w, new float[shape.widths[1]], cached);
    }

    /** The item's share of the first layer's pre-activation, x_item W0[item rows] (a new array). */
    float[] itemSide(EncodedEntity item) {
        float[] a0 = new float[shape.widths[1]];
        addItem(item, a0);
        return a0;
    }

    /** a0 += x_item W0[item rows]: per slot the cached row projections, or the pooled embedding times W0's rows. */
    private void addItem(EncodedEntity item, float[] a0) {
        int[][] slots = item.slots();
        for (int f = 0; f < slots.length; f++) {
            int[] rows = slots[f];
            float inv = 1.0f / rows.length;
            if (cached[f]) {
                for (int r : rows) FloatRows.axpyRow(inv, projection(f, r), a0);
            } else {
                setEmbedding(f, rows[0], inv);
                for (int p = 1; p < rows.length; p++) addEmbedding(f, rows[p], inv);
                FloatRows.vecMatAddInPlace(embedding, shape.dim, slotRows(f), 0, a0, active);
            }
        }
        addId(item.idRow(), a0);
    }

    /**
     * out[i] = {@link #scoreSide}(sides[which[i]]) + offsets[i] (offsets may be null), for every i: the serving loop, with
     * the first layer's sum and ReLU in one pass and the last hidden layer's ReLU folded into the output's dot product.
     */
    void scoreSides(float[][] sides, int[] which, double[] offsets, double[] out) {
        int hidden = shape.hiddenLayers();
        if (hidden == 0) {
            for (int i = 0; i < out.length; i++) out[i] = scoreSide(sides[which[i]]) + (offsets == null ? 0 : offsets[i]);
            return;
        }
        // the first layer stays written out here: calling scoreSide per item measured 1.7x slower at 100,000 items
        float[] h0 = h[0], up = userPre;
        double constant = outB + userBias;
        for (int i = 0; i < out.length; i++) {
            float[] side = sides[which[i]];
            for (int o = 0; o < h0.length; o++) h0[o] = Math.max(up[o] + side[o], 0.0f);
            out[i] = FloatRows.reluDot(laterLayers(hidden), outW, outW.length) + constant + (offsets == null ? 0 : offsets[i]);
        }
    }

    /** Items probed per call to fit the first stage of {@link #scoreSidesTwoStage}: their exact scores and activation rates. */
    static final int PROBES = 256;
    /** The second round of {@link #scoreSidesTwoStage} re-estimates the first round's best this many times {@code exact}. */
    static final int SECOND_ROUND = 8;

    /**
     * {@link #scoreSides} for a large catalogue, in two stages: the items best by a first stage are scored exactly, every
     * other item gets the first stage's estimate. The first stage keeps the first layer exact, h0 = ReLU(user's share +
     * item side), and replaces the layers after it by one vector g: the network's gradient with respect to h0 with each
     * later unit's ReLU replaced by how often it is active over a set of exactly scored items (for two hidden layers,
     * g = W1 (rate1 * w_out)), calibrated to those items' exact scores (same mean and spread, so that the estimates can
     * stand beside exact scores in a blend that standardises them), offsets added. It costs one
     * width-long pass per item instead of a width x width layer. Two rounds: the rates first from {@link #PROBES} evenly
     * spaced items (an eighth of a smaller catalogue), whose first-stage best {@code exact} are scored exactly; then from those best items (the region the
     * top of the list is in), whose first-stage best {@code exact} are scored exactly too. The second round re-estimates
     * only the first round's best {@value #SECOND_ROUND} x {@code exact} items (a pass over the whole catalogue is most of
     * the first stage's time, and an item outside them is not near the top). So at most PROBES + 2 exact
     * items are scored exactly. Every item is scored exactly when {@code exact >= which.length}, when there is no hidden
     * layer, or when a first stage does not increase with the exact score. Returns which scores are exact, null when all are.
     */
    boolean[] scoreSidesTwoStage(float[][] sides, int[] which, double[] offsets, double[] out, int exact) {
        int n = which.length, hidden = shape.hiddenLayers();
        if (exact >= n || hidden == 0) return exhaustive(sides, which, offsets, out);   // null: every score exact
        double[] known = new double[n];   // exact scores without offset, where scored
        double[] estimate = new double[n];   // the first round's estimates: fitted over the whole catalogue, so on its scale
        boolean[] scored = new boolean[n];
        int probes = Math.max(1, Math.min(n / 8, PROBES));   // a small catalogue (tests) keeps most items to the first stage
        int[] fitOn = new int[probes];
        for (int p = 0; p < probes; p++) fitOn[p] = (int) ((long) p * n / probes);
        int[] these = IntStream.range(0, n).toArray();   // the items the round estimates: all of them, then the first round's best
        for (int round = 0; round < 2; round++) {
            double[][] rate = new double[hidden][];
            for (int k = 1; k < hidden; k++) rate[k] = new double[a[k].length];
            for (int i : fitOn) {
                known[i] = scoreSide(sides[which[i]]);   // also leaves the later layers' pre-activations in a[k]
                scored[i] = true;
                for (int k = 1; k < hidden; k++) for (int o = 0; o < a[k].length; o++) if (a[k][o] > 0) rate[k][o] += 1.0 / fitOn.length;
            }
            float[] g = meanGradient(rate);
            if (these.length < n) Arrays.fill(out, Double.NEGATIVE_INFINITY);
            float[] products = new float[g.length];
            for (int i : these) out[i] = FloatRows.reluSumDot(userPre, sides[which[i]], g, g.length, products);
            double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
            int m = 0;
            for (int i : these) if (scored[i]) { mx += out[i]; my += known[i]; m++; }
            mx /= m;
            my /= m;
            for (int i : these) {
                if (!scored[i]) continue;
                sxy += (out[i] - mx) * (known[i] - my);
                sxx += (out[i] - mx) * (out[i] - mx);
                syy += (known[i] - my) * (known[i] - my);
            }
            double slope = Math.sqrt(syy / sxx);   // moments matched, not least squares: the estimates keep the scores' spread
            if (!(sxy > 0) || !(slope > 0) || !Double.isFinite(slope)) return exhaustive(sides, which, offsets, out);
            for (int i : these) out[i] = my + slope * (out[i] - mx) + (offsets == null ? 0 : offsets[i]);   // the rest stay -inf
            if (round == 0) {
                System.arraycopy(out, 0, estimate, 0, n);
                these = Vectors.largest(out, (int) Math.min(n, (long) SECOND_ROUND * exact));
            }
            fitOn = Vectors.largest(out, exact);
        }
        for (int i : fitOn) if (!scored[i]) { known[i] = scoreSide(sides[which[i]]); scored[i] = true; }
        for (int i = 0; i < n; i++) out[i] = scored[i] ? known[i] + (offsets == null ? 0 : offsets[i]) : estimate[i];
        return scored;
    }

    /** {@link #scoreSides}; null, the two-stage answer for "every score is exact". */
    private boolean[] exhaustive(float[][] sides, int[] which, double[] offsets, double[] out) {
        scoreSides(sides, which, offsets, out);
        return null;
    }

    /** W1 (rate1 * (W2 (rate2 * ... w_out))): the gradient of the score with respect to h0, each later ReLU replaced by its rate. */
    private float[] meanGradient(double[][] rate) {
        double[] v = new double[outW.length];
        for (int o = 0; o < v.length; o++) v[o] = outW[o];
        for (int k = shape.hiddenLayers() - 1; k >= 1; k--) {
            double[] back = new double[layerRows[k].length];
            for (int j = 0; j < back.length; j++) {
                float[] row = layerRows[k][j];
                double s = 0;
                for (int o = 0; o < row.length; o++) s += row[o] * rate[k][o] * v[o];
                back[j] = s;
            }
            v = back;
        }
        float[] g = new float[v.length];
        for (int j = 0; j < g.length; j++) g[j] = (float) v[j];
        return g;
    }

    /**
     * The score without offset of an item whose share of the first layer is {@code side} ({@link #itemSide}, computed
     * with the same W0): the user's share plus it, then the layers after the first.
     */
    double scoreSide(float[] side) {
        float[] up = userPre;
        if (shape.hiddenLayers() == 0) return up[0] + side[0] + userBias;
        float[] h0 = h[0];
        for (int o = 0; o < h0.length; o++) h0[o] = Math.max(up[o] + side[o], 0.0f);
        return afterFirstLayer();
    }

    /** The item's score without offset: MLP output + user.bias. */
    double score(EncodedEntity item) {
        float[] a0 = firstLayer();
        addItem(item, a0);
        return rest(a0);
    }

    /** Item {@code i} of a packed catalogue's score without offset. */
    double score(EncodedCatalogue items, int i) {
        float[] a0 = firstLayer();
        for (int f = 0; f < projections.length; f++) {
            int from = items.slotStart(i, f), to = items.slotEnd(i, f);
            float inv = 1.0f / (to - from);
            if (cached[f]) {
                for (int p = from; p < to; p++) FloatRows.axpyRow(inv, projection(f, items.rowAt(p)), a0);
            } else {
                setEmbedding(f, items.rowAt(from), inv);
                for (int p = from + 1; p < to; p++) addEmbedding(f, items.rowAt(p), inv);
                FloatRows.vecMatAddInPlace(embedding, shape.dim, slotRows(f), 0, a0, active);
            }
        }
        addId(items.idRow(i), a0);
        return rest(a0);
    }

    /** embedding = scale * E_f[row] (every slot has at least one row). */
    private void setEmbedding(int f, int row, float scale) {
        int at = shape.itemTables[f].offset() + row * shape.dim;
        for (int c = 0; c < shape.dim; c++) embedding[c] = scale * (float) meta[at + c];
    }

    /** embedding += scale * E_f[row]. */
    private void addEmbedding(int f, int row, float scale) {
        int at = shape.itemTables[f].offset() + row * shape.dim;
        for (int c = 0; c < shape.dim; c++) embedding[c] += scale * (float) meta[at + c];
    }

    /** The first layer's pre-activation, holding the user's share. */
    private float[] firstLayer() {
        float[] a0 = shape.hiddenLayers() > 0 ? a[0] : new float[1];
        System.arraycopy(userPre, 0, a0, 0, a0.length);
        return a0;
    }

    private void addId(int idRow, float[] a0) {
        if (shape.itemIdTable == null || idRow < 0) return;
        int at = shape.itemIdTable.offset() + idRow * shape.dim;
        for (int c = 0; c < shape.dim; c++) embedding[c] = (float) meta[at + c];
        FloatRows.vecMatAddInPlace(embedding, shape.dim, slotRows(projections.length), 0, a0, active);
    }

    /** The layers after the first, from the first layer's pre-activation {@code a0}; returns MLP output + user.bias. */
    private double rest(float[] a0) {
        if (shape.hiddenLayers() == 0) return a0[0] + userBias;
        float[] h0 = h[0];
        for (int o = 0; o < h0.length; o++) h0[o] = Math.max(a0[o], 0.0f);
        return afterFirstLayer();
    }

    /**
     * The layers after the first, from the first layer's activations in h[0] (at least one hidden layer); returns MLP
     * output + user.bias and leaves each later layer's pre-activation in a[k]. The last hidden layer's ReLU is folded
     * into the output's dot product (a no-op on h[0], already >= 0).
     */
    private double afterFirstLayer() {
        return FloatRows.reluDot(laterLayers(shape.hiddenLayers()), outW, outW.length) + (outB + userBias);   // added as scoreSides adds it: the same bits
    }

    /**
     * Runs the hidden layers after the first from h[0] ({@code hidden} >= 1 layers in all), leaving each one's
     * pre-activation in a[k] and, but for the last, its ReLU in h[k]; returns the last hidden layer's pre-activation
     * (h[0] when there is one hidden layer).
     */
    private float[] laterLayers(int hidden) {
        float[] last = h[0];
        for (int k = 1; k < hidden; k++) {
            float[] ak = a[k];
            System.arraycopy(biases[k], 0, ak, 0, ak.length);
            FloatRows.vecMatAddInPlace(h[k - 1], h[k - 1].length, layerRows[k], 0, ak, active);
            if (k + 1 < hidden) for (int o = 0; o < ak.length; o++) h[k][o] = Math.max(ak[o], 0.0f);
            last = ak;
        }
        return last;
    }

    /** W0's rows for item slot {@code s} in single precision, copied on first use. */
    private float[][] slotRows(int s) {
        float[][] rows = slotRowsW0[s];
        if (rows == null) rows = slotRowsW0[s] = FloatRows.copyRows(w0, w0Offset, shape.userWidth + s * shape.dim, shape.dim, shape.widths[1]);
        return rows;
    }

    /** P_f[row], computed on first use. */
    private float[] projection(int f, int row) {
        float[][] table = projections[f];
        if (table == null) table = projections[f] = new float[shape.itemTables[f].rows()][];
        float[] p = table[row];
        if (p != null) return p;
        p = new float[shape.widths[1]];
        int at = shape.itemTables[f].offset() + row * shape.dim;
        for (int c = 0; c < shape.dim; c++) embedding[c] = (float) meta[at + c];
        FloatRows.vecMatAddInPlace(embedding, shape.dim, slotRows(f), 0, p, active);
        return table[row] = p;
    }
}
