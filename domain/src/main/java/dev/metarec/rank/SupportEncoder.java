package dev.metarec.rank;

import dev.metarec.math.FloatRows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * The support-set encoder: what a user will like next, from the items of their support events. The user is the mean
 * of their support items' input embeddings, scaled by 1/sqrt(support size): u = sum_i E[i] / sqrt(|S|); an item's
 * score is its output embedding's dot product with u plus its bias, s_j = u . W[j] + b_j. With no known support item
 * u = 0 and the score is the bias alone: what users like later, whoever they are.
 * <p>
 * Trained ({@link #train}) with a softmax over the whole catalogue (the multinomial likelihood of Liang et al.'s
 * Mult-VAE, WWW 2018): for each training user cut after their first k events, the support items are the input and
 * the user's later positives are the targets; the support items and the later events that are not positives are left
 * out of the softmax. So the encoder learns item-to-item structure (who liked this went on to like that) and, through
 * the bias, which items users come to like, and both are trained for the later taste the served list is judged on.
 * Epochs stop on validation users ({@code validation}), never on the training loss.
 * <p>
 * Immutable; items are kept in id order.
 */
public final class SupportEncoder {
    public static final SupportEncoder NONE = new SupportEncoder(List.of(), 1, new float[0], new float[0], new float[0]);

    private final List<String> items;
    private final Map<String, Integer> index;
    private final int dim;
    private final float[] input;
    private final float[] output;
    private final float[] bias;

    /**
     * @param items  item ids, strictly increasing
     * @param dim    embedding width, at least 1
     * @param input  items.size() x dim input embeddings (row-major), finite
     * @param output items.size() x dim output embeddings, finite
     * @param bias   one per item, finite
     */
    public SupportEncoder(List<String> items, int dim, float[] input, float[] output, float[] bias) {
        if (dim < 1) throw new IllegalArgumentException("encoder width must be >= 1, was " + dim);
        int n = items.size();
        if (input.length != (long) n * dim || output.length != (long) n * dim || bias.length != n)
            throw new IllegalArgumentException("encoder tables (" + input.length + ", " + output.length + ", " + bias.length + " values) must match "
                    + n + " items x " + dim);
        Map<String, Integer> ix = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String id = Objects.requireNonNull(items.get(i), "item id");
            if (i > 0 && items.get(i - 1).compareTo(id) >= 0) throw new IllegalArgumentException("encoder item ids must be strictly increasing at #" + i);
            ix.put(id, i);
        }
        for (float[] t : new float[][]{input, output, bias})
            for (int i = 0; i < t.length; i++) if (!Float.isFinite(t[i])) throw new IllegalArgumentException("encoder value #" + i + " is not finite: " + t[i]);
        this.items = List.copyOf(items);
        this.index = Map.copyOf(ix);
        this.dim = dim;
        this.input = input.clone();
        this.output = output.clone();
        this.bias = bias.clone();
    }

    public List<String> items() { return items; }

    public int dim() { return dim; }

    public boolean isEmpty() { return items.isEmpty(); }

    /** The row of an item, -1 when the encoder does not know it (an item that arrived after training). */
    public int row(String itemId) { return index.getOrDefault(itemId, -1); }

    public float[] input() { return input.clone(); }

    public float[] output() { return output.clone(); }

    public float[] bias() { return bias.clone(); }

    /** The user's vector u from their support items (unknown ones count for nothing; duplicates once); zeros without any known item. */
    public float[] encode(Collection<String> supportItems) {
        int[] rows = supportItems.stream().mapToInt(this::row).filter(r -> r >= 0).distinct().toArray();
        return encodeRows(rows, input, dim);
    }

    /** s_j = u . W[row] + b[row]; NaN for row -1 (an item the encoder does not know). */
    public double score(float[] u, int row) {
        return row < 0 ? Double.NaN : bias[row] + FloatRows.dot(u, output, row * dim, dim);
    }

    /**
     * One encoder whose score is {@code (m * score_a + score_b) / (m + 1)} ({@code a} the average of m encoders already):
     * u and the embeddings side by side (u = [u_a | u_b], W = [m W_a | W_b] / (m + 1)), the biases averaged. Both over the
     * same items.
     */
    public static SupportEncoder averaged(SupportEncoder a, SupportEncoder b, int m) {
        if (!a.items.equals(b.items)) throw new IllegalArgumentException("encoders over different items");
        int n = a.items.size(), d = a.dim + b.dim;
        float[] in = new float[n * d], out = new float[n * d], bias = new float[n];
        float wa = (float) m / (m + 1), wb = 1f / (m + 1);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < a.dim; k++) { in[i * d + k] = a.input[i * a.dim + k]; out[i * d + k] = wa * a.output[i * a.dim + k]; }
            for (int k = 0; k < b.dim; k++) { in[i * d + a.dim + k] = b.input[i * b.dim + k]; out[i * d + a.dim + k] = wb * b.output[i * b.dim + k]; }
            bias[i] = wa * a.bias[i] + wb * b.bias[i];
        }
        return new SupportEncoder(a.items, d, in, out, bias);
    }

    /**
     * The step size of the user vector's adaptation (trial, {@code -Dmetarec.encoder.adapt-rate=R}, R >= 0; 0, the
     * default and the served design, leaves u as encoded; 0.25 and 1 were tried and not kept, docs/RESULTS.md): see
     * {@link #adapt}.
     */
    public static final double ADAPT_RATE = NumberProperty.inRange("metarec.encoder.adapt-rate", "0", 0, true, 1000, true);

    /**
     * The user's fast vector (trial): u after {@code steps} gradient steps of size {@code rate} on the weighted mean
     * log-likelihood of the {@code rows} (the user's liked support items) under the softmax of the scores over every
     * item, u <- u + rate * (sum_j w_j W[j] / sum_j w_j - sum_k p_k W[k]). So the encoder's guess (the support's mean
     * embedding) moves towards the items the user liked and away from what every user is expected to like. {@code u}
     * itself when there is no row, no step or rate 0; a new array otherwise.
     */
    public float[] adapt(float[] u, int[] rows, double[] weights, int steps, double rate) {
        if (rows.length == 0 || steps <= 0 || rate == 0) return u;
        int n = items.size();
        double wsum = 0;
        for (double w : weights) wsum += w;
        float[] v = u.clone(), target = new float[dim];
        for (int j = 0; j < rows.length; j++)
            for (int k = 0; k < dim; k++) target[k] += (float) (weights[j] / wsum) * output[rows[j] * dim + k];
        double[] s = new double[n];
        float[] expected = new float[dim];
        for (int step = 0; step < steps; step++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) { s[i] = bias[i] + FloatRows.dot(v, output, i * dim, dim); max = Math.max(max, s[i]); }
            double z = 0;
            for (int i = 0; i < n; i++) { s[i] = Math.exp(s[i] - max); z += s[i]; }
            Arrays.fill(expected, 0f);
            for (int i = 0; i < n; i++) {
                float p = (float) (s[i] / z);
                for (int k = 0; k < dim; k++) expected[k] += p * output[i * dim + k];
            }
            for (int k = 0; k < dim; k++) v[k] += (float) (rate * (target[k] - expected[k]));
        }
        return v;
    }

    /** The user's vector u from the rows of their support items (distinct, each a row of this encoder). */
    public float[] encodeRows(int[] rows) { return encodeRows(rows, input, dim); }

    /**
     * How much the i-th most recent support item counts in u (trial, {@code -Dmetarec.encoder.decay=D}, D in (0, 1]):
     * u = sum_i D^i E[i] / sqrt(sum_i D^2i); 1, the default, is the plain sum over sqrt(|S|). Rows are newest first.
     */
    public static final double DECAY = Recency.decayFactor("metarec.encoder.decay", "1");

    /** Per row of a support of {@code size} items (newest first), its weight in u: all 1/sqrt(size) without decay. */
    private static float[] rowWeights(int size) {
        float[] w = new float[size];
        if (DECAY == 1) { Arrays.fill(w, (float) (1.0 / Math.sqrt(size))); return w; }
        double sq = 0, x = 1;
        for (int i = 0; i < size; i++, x *= DECAY) sq += x * x;
        x = 1;
        for (int i = 0; i < size; i++, x *= DECAY) w[i] = (float) (x / Math.sqrt(sq));
        return w;
    }

    private static float[] encodeRows(int[] rows, float[] input, int dim) {
        float[] u = new float[dim];
        if (rows.length == 0) return u;
        float[] w = rowWeights(rows.length);
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            for (int k = 0; k < dim; k++) u[k] += input[r * dim + k] * w[i];
        }
        return u;
    }

    /**
     * One training case: the rows of a user's support items (distinct), of the positives that came later (distinct,
     * none in the support, at least one) and of later items left out of the softmax (neither positive nor a support item).
     */
    public record Example(int[] support, int[] targets, int[] excluded, double weight) {
        public Example {
            if (targets.length == 0) throw new IllegalArgumentException("an example needs at least one target");
            if (!(weight > 0) || !Double.isFinite(weight)) throw new IllegalArgumentException("an example's weight must be finite and > 0, was " + weight);
        }

        /** An example of weight 1. */
        public Example(int[] support, int[] targets, int[] excluded) { this(support, targets, excluded, 1.0); }
    }

    /**
     * How to train: width, Adam's learning rate, examples per step, at most {@code maxEpochs} epochs, stop after
     * {@code patience} epochs without a better validation score, at most {@code maxWork} multiply-adds per epoch
     * (examples x items x width; a larger set is subsampled each epoch so that a large catalogue trains in bounded time),
     * and no epoch started after {@code maxTime} of training (the meta-train Lambda finishes a run within the minutes
     * left after its training budget). The time limit is the one input that can make two runs differ; ML-100K and
     * ml-latest-small train in under 40 s, far inside it.
     */
    public record Settings(int dim, double learningRate, int batch, int maxEpochs, int patience, long maxWork, java.time.Duration maxTime) {
        /**
         * The work budget per epoch: 5·10⁹ multiply-adds; {@code -Dmetarec.encoder.max-work=W} changes it, for comparing the
         * losses where a catalogue is too large for the full softmax to see every case each epoch (docs/RESULTS.md).
         */
        public static final long MAX_WORK = NumberProperty.whole("metarec.encoder.max-work", "5000000000", 1, Long.MAX_VALUE);
        /** The width: 64; {@code -Dmetarec.encoder.dim=D} changes it, for comparing designs (a trial). */
        static final int DIM = (int) NumberProperty.whole("metarec.encoder.dim", "64", 1, 4096);
        public static final Settings DEFAULT = new Settings(DIM, 0.001, 32, 30, 3, MAX_WORK, java.time.Duration.ofSeconds(90));

        public Settings {
            if (dim < 1 || batch < 1 || maxEpochs < 1 || patience < 1 || maxWork < 1 || !(learningRate > 0) || !Double.isFinite(learningRate)
                    || maxTime == null || maxTime.isNegative())
                throw new IllegalArgumentException("invalid encoder settings: dim " + dim + ", learning rate " + learningRate + ", batch " + batch
                        + ", epochs " + maxEpochs + ", patience " + patience + ", work " + maxWork + ", time " + maxTime);
        }

        /** These settings with another time limit. */
        public Settings withMaxTime(java.time.Duration limit) { return new Settings(dim, learningRate, batch, maxEpochs, patience, maxWork, limit); }
    }

    /**
     * The training objective (trial, {@code -Dmetarec.encoder.loss=softmax|sampled:N|bpr}; the default, softmax, is the one
     * served). {@code SOFTMAX}: the multinomial likelihood over every catalogue item (minus the example's support and excluded
     * items). {@code SAMPLED}: the same likelihood over the targets and N negatives drawn with replacement from the targets'
     * frequency in the training examples (plus one), each logit corrected by −log q (Jean et al., ACL 2015; the log-Q
     * correction of Yi et al., RecSys 2019), sampled negatives that are a target, support or excluded item dropped.
     * {@code BPR}: for each target one negative drawn uniformly from the catalogue (again neither target, support nor
     * excluded), −log σ(s_target − s_negative) averaged over the targets (Rendle et al., UAI 2009).
     */
    public record Loss(Kind kind, int negatives) {
        public enum Kind { SOFTMAX, SAMPLED, BPR }

        public static final Loss SOFTMAX = new Loss(Kind.SOFTMAX, 0);
        public static final String PROPERTY = "metarec.encoder.loss";
        /** The loss named by {@value #PROPERTY}, softmax when unset. */
        public static final Loss CONFIGURED = parse(System.getProperty(PROPERTY, "softmax"));

        public Loss {
            Objects.requireNonNull(kind, "loss kind");
            if (kind == Kind.SAMPLED ? negatives < 1 : negatives != 0)
                throw new IllegalArgumentException(PROPERTY + ": " + kind + " takes " + (kind == Kind.SAMPLED ? "at least 1 negative" : "no negative count")
                        + ", was " + negatives);
        }

        /** "softmax", "bpr" or "sampled:N"; anything else is refused with a message naming {@value #PROPERTY}. */
        public static Loss parse(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            if (v.equals("softmax")) return SOFTMAX;
            if (v.equals("bpr")) return new Loss(Kind.BPR, 0);
            if (v.startsWith("sampled:")) {
                try { return new Loss(Kind.SAMPLED, Integer.parseInt(v.substring("sampled:".length()))); }
                catch (NumberFormatException e) { throw new IllegalArgumentException(PROPERTY + ": the negative count of '" + value + "' is not a whole number"); }
            }
            throw new IllegalArgumentException(PROPERTY + " must be softmax, bpr or sampled:N (N negatives, at least 1), was '" + value + "'");
        }

        /** Multiply-adds of one example's gradient, roughly: what the per-epoch work budget divides. */
        long work(int items, int dim, double meanTargets) {
            return switch (kind) {
                case SOFTMAX -> (long) items * dim;
                case SAMPLED -> (long) Math.ceil((negatives + meanTargets) * dim);
                case BPR -> (long) Math.ceil(2 * meanTargets * dim);
            };
        }
    }

    /** {@link #train(List, List, Settings, Loss, long, ToDoubleFunction)} with the configured loss ({@link Loss#CONFIGURED}). */
    public static SupportEncoder train(List<String> items, List<Example> examples, Settings s, long seed, ToDoubleFunction<SupportEncoder> validation) {
        return train(items, examples, s, Loss.CONFIGURED, seed, validation);
    }

    /**
     * Trains an encoder over {@code items} (strictly increasing ids; example rows index into it) on {@code examples},
     * keeping the epoch whose encoder {@code validation} scores highest (e.g. the mean Recall@10 over validation users;
     * NaN counts as no better). Without examples, {@link #NONE}. Deterministic for a seed.
     */
    public static SupportEncoder train(List<String> items, List<Example> examples, Settings s, Loss loss, long seed,
                                       ToDoubleFunction<SupportEncoder> validation) {
        int n = items.size(), d = s.dim();
        if (n == 0 || examples.isEmpty()) return NONE;
        Random rnd = new Random(seed);
        Negatives negatives = loss.kind() == Loss.Kind.SOFTMAX ? null : new Negatives(loss, n, examples, rnd);
        float[] in = new float[n * d], out = new float[n * d], b = new float[n];
        for (int i = 0; i < in.length; i++) { in[i] = (float) (rnd.nextGaussian() * 0.05); out[i] = (float) (rnd.nextGaussian() * 0.05); }
        Adam adam = new Adam(2 * n * d + n);
        List<Example> order = new ArrayList<>(examples);
        double meanTargets = examples.stream().mapToInt(e -> e.targets().length).average().orElse(1);
        int perEpoch = (int) Math.max(1, Math.min(order.size(), s.maxWork() / Math.max(1, loss.work(n, d, meanTargets))));
        SupportEncoder best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int since = 0;
        float[] grad = new float[2 * n * d + n];
        long start = System.nanoTime();
        for (int epoch = 0; epoch < s.maxEpochs() && since < s.patience() && (epoch == 0 || System.nanoTime() - start < s.maxTime().toNanos()); epoch++) {
            Collections.shuffle(order, rnd);
            int inBatch = 0;
            for (int e = 0; e < perEpoch; e++) {
                if (loss.kind() == Loss.Kind.SOFTMAX) accumulate(order.get(e), in, out, b, d, grad);
                else negatives.accumulate(order.get(e), in, out, b, d, grad);
                if (++inBatch == s.batch() || e == perEpoch - 1) {
                    adam.step(grad, inBatch, s.learningRate(), in, out, b);
                    Arrays.fill(grad, 0f);
                    inBatch = 0;
                }
            }
            if (!allFinite(in) || !allFinite(out) || !allFinite(b)) break;   // diverged: keep the best epoch so far
            SupportEncoder candidate = new SupportEncoder(items, d, in, out, b);
            double score = validation.applyAsDouble(candidate);
            if (score > bestScore) { bestScore = score; best = candidate; since = 0; } else since++;
        }
        return best == null ? NONE : best;
    }

    private static boolean allFinite(float[] x) {
        for (float v : x) if (!Float.isFinite(v)) return false;
        return true;
    }

    /** Adds one example's gradient of the softmax loss (mean over its targets), times its weight, to {@code g} = [dIn | dOut | dBias]. */
    private static void accumulate(Example ex, float[] in, float[] out, float[] b, int d, float[] g) {
        int n = b.length;
        float[] u = encodeRows(ex.support(), in, d);
        double[] z = new double[n];
        boolean[] skip = new boolean[n];
        for (int r : ex.support()) skip[r] = true;
        for (int r : ex.excluded()) skip[r] = true;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (skip[j]) continue;
            double v = b[j];
            int at = j * d;
            for (int k = 0; k < d; k++) v += u[k] * out[at + k];
            z[j] = v;
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) if (!skip[j]) sum += z[j] = Math.exp(z[j] - max);
        double inv = 1.0 / ex.targets().length;
        for (int j = 0; j < n; j++) z[j] = skip[j] ? 0 : z[j] / sum;
        for (int t : ex.targets()) z[t] -= inv;
        if (ex.weight() != 1) for (int j = 0; j < n; j++) z[j] *= ex.weight();
        float[] du = new float[d];
        int outAt = n * d, biasAt = 2 * n * d;
        for (int j = 0; j < n; j++) {
            float dz = (float) z[j];
            if (dz == 0f) continue;
            g[biasAt + j] += dz;
            int at = j * d;
            for (int k = 0; k < d; k++) { g[outAt + at + k] += dz * u[k]; du[k] += dz * out[at + k]; }
        }
        float[] w = rowWeights(ex.support().length);
        for (int i = 0; i < ex.support().length; i++) {
            int r = ex.support()[i];
            for (int k = 0; k < d; k++) g[r * d + k] += du[k] * w[i];
        }
    }

    /**
     * The sampled losses' gradients ({@link Loss.Kind#SAMPLED}, {@link Loss.Kind#BPR}): only the rows of the targets and the
     * drawn negatives are touched, so an example costs (targets + negatives) x width instead of items x width.
     */
    private static final class Negatives {
        private final Loss loss;
        private final Random rnd;
        private final double[] cumulative;   // SAMPLED: the proposal's running sum over items
        private final double[] logQ;
        private final int[] mark;            // stamp per item: support/excluded (stamp), target (stamp + 1)
        private int stamp;

        Negatives(Loss loss, int n, List<Example> examples, Random rnd) {
            this.loss = loss;
            this.rnd = rnd;
            this.mark = new int[n];
            if (loss.kind() != Loss.Kind.SAMPLED) { cumulative = null; logQ = null; return; }
            double[] count = new double[n];
            Arrays.fill(count, 1.0);
            for (Example e : examples) for (int t : e.targets()) count[t] += 1;
            double total = 0;
            for (double c : count) total += c;
            cumulative = new double[n];
            logQ = new double[n];
            double run = 0;
            for (int j = 0; j < n; j++) { run += count[j]; cumulative[j] = run; logQ[j] = Math.log(count[j] / total); }
        }

        private int draw() {
            double x = rnd.nextDouble() * cumulative[cumulative.length - 1];
            int at = Arrays.binarySearch(cumulative, x);
            return Math.min(cumulative.length - 1, at >= 0 ? at + 1 : -at - 1);
        }

        void accumulate(Example ex, float[] in, float[] out, float[] b, int d, float[] g) {
            int n = b.length;
            stamp += 2;
            if (stamp < 0) { Arrays.fill(mark, 0); stamp = 2; }
            for (int r : ex.support()) mark[r] = stamp;
            for (int r : ex.excluded()) mark[r] = stamp;
            for (int t : ex.targets()) mark[t] = stamp + 1;
            float[] u = encodeRows(ex.support(), in, d);
            float[] du = new float[d];
            int[] targets = ex.targets();
            double scale = ex.weight() / targets.length;
            if (loss.kind() == Loss.Kind.BPR) {
                for (int t : targets) {
                    int j = -1;
                    for (int tries = 0; tries < 20 && j < 0; tries++) {
                        int c = rnd.nextInt(n);
                        if (mark[c] != stamp && mark[c] != stamp + 1) j = c;
                    }
                    if (j < 0) continue;
                    double x = logit(t, u, out, b, d) - logit(j, u, out, b, d);
                    double s = 1.0 / (1.0 + Math.exp(x));   // σ(−x): d(−log σ(x))/dx = −σ(−x)
                    push(t, -s * scale, u, out, d, g, du);
                    push(j, s * scale, u, out, d, g, du);
                }
            } else {
                int[] cand = new int[targets.length + loss.negatives()];
                int c = 0;
                for (int t : targets) cand[c++] = t;
                for (int k = 0; k < loss.negatives(); k++) {
                    int j = draw();
                    if (mark[j] != stamp && mark[j] != stamp + 1) cand[c++] = j;
                }
                double[] z = new double[c];
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < c; i++) { z[i] = logit(cand[i], u, out, b, d) - logQ[cand[i]]; max = Math.max(max, z[i]); }
                double sum = 0;
                for (int i = 0; i < c; i++) sum += z[i] = Math.exp(z[i] - max);
                for (int i = 0; i < c; i++) {
                    double dz = z[i] / sum * ex.weight() - (i < targets.length ? scale : 0);
                    push(cand[i], dz, u, out, d, g, du);
                }
            }
            float[] w = rowWeights(ex.support().length);
            for (int i = 0; i < ex.support().length; i++) {
                int r = ex.support()[i];
                for (int k = 0; k < d; k++) g[r * d + k] += du[k] * w[i];
            }
        }

        private static double logit(int j, float[] u, float[] out, float[] b, int d) {
            return b[j] + FloatRows.dot(u, out, j * d, d);
        }

        /** Adds dLoss/ds_j = dz to item j's bias and output row, and its share of dLoss/du. */
        private static void push(int j, double dz, float[] u, float[] out, int d, float[] g, float[] du) {
            float f = (float) dz;
            if (f == 0f) return;
            int n = out.length / d, outAt = n * d, at = j * d;
            g[2 * n * d + j] += f;
            for (int k = 0; k < d; k++) { g[outAt + at + k] += f * u[k]; du[k] += f * out[at + k]; }
        }
    }

    /** Adam (Kingma and Ba, 2015) over [input | output | bias]. */
    private static final class Adam {
        private final float[] m, v;
        private int t;

        Adam(int size) { m = new float[size]; v = new float[size]; }

        void step(float[] g, int batch, double lr, float[] in, float[] out, float[] b) {
            t++;
            double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t);
            int nd = in.length;
            for (int i = 0; i < g.length; i++) {
                float gi = g[i] / batch;
                m[i] = 0.9f * m[i] + 0.1f * gi;
                v[i] = 0.999f * v[i] + 0.001f * gi * gi;
                float delta = (float) (lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8));
                if (i < nd) in[i] -= delta; else if (i < 2 * nd) out[i - nd] -= delta; else b[i - 2 * nd] -= delta;
            }
        }
    }

    @Override public boolean equals(Object o) {
        return o instanceof SupportEncoder e && dim == e.dim && items.equals(e.items) && Arrays.equals(input, e.input)
                && Arrays.equals(output, e.output) && Arrays.equals(bias, e.bias);
    }

    @Override public int hashCode() { return Objects.hash(items, dim, Arrays.hashCode(bias)); }

    @Override public String toString() { return "SupportEncoder[" + items.size() + " items x " + dim + "]"; }
}
