package dev.metarec.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The served order: per candidate, a weighted sum of five signals, each standardised over the user's candidates
 * (z-score; a signal that is constant there contributes nothing):
 * <ol>
 *   <li>the meta-learned preference score after adaptation (what the network predicts for this user),</li>
 *   <li>a popularity prior, log(1 + users who liked the item): users whose latest event with it is positive (rated
 *       at least the positive rating, or any click, view or purchase), so an item many users rated and disliked
 *       is not popular,</li>
 *   <li>the neighbours of the user's events, {@link ItemNeighbours#scores},</li>
 *   <li>the support-set encoder's score, {@link SupportEncoder}: what users who had the user's support items went on
 *       to like (an item the encoder does not know takes the mean of the others, so it is neither pushed nor held back),</li>
 *   <li>the forward neighbours of the user's events: the same sum over {@link ItemNeighbours} counted only where the
 *       candidate came after the user's item in other users' histories (who-had-this-went-on-to-have-that).</li>
 * </ol>
 * One weight vector per support-size bucket: bucket b serves users with at most {@code upTo[b]} events (the last
 * bucket also every larger support). Weights are chosen on validation users, by {@link #fit(List, int[], Fit)}: with
 * few events popularity carries most of the signal, with more the encoder and the neighbours take over. The
 * network's standardised score is always added with the weight {@value #TIE_BREAK}, so candidates the weighted
 * signals tie (equally popular and equally near the user's events while the network's weight is 0) are ordered by
 * the user's predicted preference instead of by catalogue position.
 *
 * @param upTo    strictly increasing support sizes, at least one
 * @param weights per bucket {network, popularity, neighbours, encoder, forward neighbours}: finite, >= 0, not all 0. A
 *                vector of three is a blend from before the encoder (checkpoint format 1), of four one from before the
 *                forward neighbours (format 2); the missing weights read as 0.
 */
public record RankBlend(int[] upTo, double[][] weights) {
    public static final int NETWORK = 0, POPULARITY = 1, NEIGHBOURS = 2, ENCODER = 3, FORWARD = 4, SIGNALS = 5;
    /** The buckets {@link #fit} uses: 1, 3, 5, 10 and 20 events (the few-shot curve's support sizes). */
    public static final int[] SHOTS = {1, 3, 5, 10, 20};
    /** The order of a checkpoint without a blend: the preference network's score alone. */
    public static final RankBlend NETWORK_ONLY = new RankBlend(new int[]{1}, new double[][]{{1, 0, 0, 0}});
    private static final double[] GRID = {0, 0.25, 0.5, 1, 2};
    /** The network's weight under every blend: small enough to change only the order of tied candidates. */
    public static final double TIE_BREAK = 1e-6;

    public RankBlend {
        if (upTo.length == 0 || upTo.length != weights.length)
            throw new IllegalArgumentException("a blend needs one weight vector per bucket, at least one: " + upTo.length + " buckets, " + weights.length + " vectors");
        upTo = upTo.clone();
        double[][] w = new double[weights.length][];
        for (int b = 0; b < upTo.length; b++) {
            if (b > 0 && upTo[b] <= upTo[b - 1]) throw new IllegalArgumentException("bucket bounds must increase, got " + Arrays.toString(upTo));
            if (weights[b].length < SIGNALS - 2 || weights[b].length > SIGNALS)
                throw new IllegalArgumentException("bucket " + b + " has " + weights[b].length + " weights, needs " + SIGNALS);
            double sum = 0;
            for (double x : weights[b]) {
                if (!(x >= 0) || !Double.isFinite(x)) throw new IllegalArgumentException("bucket " + b + ": weight " + x + " is not finite and >= 0");
                sum += x;
            }
            if (sum == 0) throw new IllegalArgumentException("bucket " + b + ": every weight is 0");
            w[b] = Arrays.copyOf(weights[b], SIGNALS);
        }
        weights = w;
    }

    /** The weights for a user with {@code supportSize} events. */
    public double[] weightsFor(int supportSize) { return weights[bucketOf(supportSize, upTo)].clone(); }

    /** The bucket of a user with {@code supportSize} events: the first whose bound holds it, else the last. */
    private static int bucketOf(int supportSize, int[] upTo) {
        int b = 0;
        while (b < upTo.length - 1 && supportSize > upTo[b]) b++;
        return b;
    }

    /**
     * The blended order score of each candidate (each signal per candidate; NaN in {@code encoder}: an item it does not
     * know; {@code forward} null: a checkpoint without forward neighbours).
     */
    public double[] order(int supportSize, double[] network, double[] popularity, double[] neighbours, double[] encoder, double[] forward) {
        return combine(weightsFor(supportSize), network, popularity, neighbours, encoder, forward);
    }

    static double[] combine(double[] w, double[] network, double[] popularity, double[] neighbours, double[] encoder, double[] forward) {
        int n = network.length;
        if (popularity.length != n || neighbours.length != n || encoder.length != n || (forward != null && forward.length != n))
            throw new IllegalArgumentException("signals of different lengths");
        double[] out = new double[n];
        double[][] signals = {network, popularity, neighbours, encoder, forward};
        for (int s = 0; s < SIGNALS; s++) {
            double ws = s == NETWORK ? w[s] + TIE_BREAK : w[s];
            if (ws == 0 || signals[s] == null) continue;
            double[] z = standardised(s == NETWORK ? networkSignal(signals[s]) : s == NEIGHBOURS ? neighbourSignal(signals[s]) : signals[s]);
            for (int i = 0; i < n; i++) out[i] += ws * z[i];
        }
        return out;
    }

    /**
     * Trial ({@code -Dmetarec.rankfit.network-gate=C,S}; off by default): the network's signal enters the blend as
     * log sigmoid((score - C) / S), the log-probability that the user likes the item given the predicted rating, so that
     * it demotes the items the user would dislike without pushing rarely-seen items predicted 5 stars to the top.
     */
    static final double[] NETWORK_GATE = gate(System.getProperty("metarec.rankfit.network-gate", ""));

    static double[] gate(String value) {
        if (value.isBlank()) return null;
        String[] parts = value.split(",");
        if (parts.length != 2) throw new IllegalArgumentException("metarec.rankfit.network-gate must be C,S, was " + value);
        double c, scale;
        try { c = Double.parseDouble(parts[0].trim()); scale = Double.parseDouble(parts[1].trim()); }
        catch (NumberFormatException e) { throw new IllegalArgumentException("metarec.rankfit.network-gate must be two numbers C,S, was " + value); }
        if (!Double.isFinite(c) || !(scale > 0) || !Double.isFinite(scale))
            throw new IllegalArgumentException("metarec.rankfit.network-gate must be C,S with S finite and > 0, was " + value);
        return new double[]{c, scale};
    }

    /** The network's scores as the blend reads them: as given, or through {@link #NETWORK_GATE}. */
    static double[] networkSignal(double[] x) { return NETWORK_GATE == null ? x : logSigmoid(x, NETWORK_GATE[0], NETWORK_GATE[1]); }

    /** log sigmoid((x - centre) / scale) of each value, computed without overflow; NaN stays NaN. */
    static double[] logSigmoid(double[] x, double centre, double scale) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double t = (x[i] - centre) / scale;
            y[i] = Math.min(t, 0) - Math.log1p(Math.exp(-Math.abs(t)));
        }
        return y;
    }

    /**
     * Trial ({@code -Dmetarec.rankfit.neighbour-log=ε}; 0, off, by default): the neighbours' scores enter the blend as
     * log(score + ε·max), max the user's largest, so that in the blend's softmax they act as a power of the score
     * (as popularity's log counts and the encoder's logits do) instead of an exponential of it.
     */
    static final double NEIGHBOUR_LOG = NumberProperty.inRange("metarec.rankfit.neighbour-log", "0", 0, true, Double.POSITIVE_INFINITY, false);

    /** The neighbours' scores as the blend reads them: as given, or log(x + ε·max) with {@link #NEIGHBOUR_LOG} ε. */
    static double[] neighbourSignal(double[] x) { return NEIGHBOUR_LOG == 0 ? x : logShifted(x, NEIGHBOUR_LOG); }

    /** log(x + ε·max x) of each value (NaN stays NaN); x itself when its maximum is not positive. */
    static double[] logShifted(double[] x, double epsilon) {
        double max = 0;
        for (double v : x) if (v > max) max = v;
        if (!(max > 0) || !Double.isFinite(max)) return x;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.log(Math.max(0, x[i]) + epsilon * max);
        return y;
    }

    /**
     * (x - mean) / standard deviation over the values that are not NaN; a NaN (a candidate the signal knows nothing of)
     * gets 0, the mean. All zeros when the deviation is 0 or not finite.
     */
    static double[] standardised(double[] x) {
        double mean = 0;
        int known = 0;
        for (double v : x) if (!Double.isNaN(v)) { mean += v; known++; }
        mean /= Math.max(1, known);
        double var = 0;
        for (double v : x) if (!Double.isNaN(v)) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / Math.max(1, known));
        double[] z = new double[x.length];
        if (!(sd > 1e-12) || !Double.isFinite(sd)) return z;
        for (int i = 0; i < x.length; i++) z[i] = Double.isNaN(x[i]) ? 0 : (x[i] - mean) / sd;
        return z;
    }

    /**
     * How much the recent likes weigh beside all of them in {@link #popularity(long, double)}: 2, chosen on the training
     * period's users (docs/RESULTS.md, designs tried). {@code -Dmetarec.popularity.recent-weight=W} (finite, >= 0)
     * changes it, for comparing designs (4 was tried and not kept).
     */
    public static final double RECENT_WEIGHT = NumberProperty.inRange("metarec.popularity.recent-weight", "2", 0, true, Double.POSITIVE_INFINITY, false);

    /**
     * The popularity prior of an item that {@code count} users liked, {@code recent} of them counted by age
     * ({@link Recency#asOf}: a like one half-life old counts half): {@code log(1 + count) + RECENT_WEIGHT * log(1 + recent)}.
     * Both terms, not the recent one alone: on a catalogue whose recent traffic is thin, the recent likes alone are a few
     * accounts' taste.
     */
    public static double popularity(long count, double recent) {
        double r = Double.isFinite(recent) ? Math.max(0, recent) : 0;
        return Math.log1p(Math.max(0, count)) + RECENT_WEIGHT * Math.log1p(r);
    }

    /**
     * One validation user seen at one support size: the five signals over the candidates (every catalogue item but
     * the support), and which candidates are positives (the user's later positive events).
     */
    public record Case(int supportSize, double[] network, double[] popularity, double[] neighbours, double[] encoder, double[] forward,
                       boolean[] positive) {
        public Case {
            int n = network.length;
            if (popularity.length != n || neighbours.length != n || encoder.length != n || forward.length != n || positive.length != n)
                throw new IllegalArgumentException("signals of different lengths");
        }

        /** Without the forward neighbours (their signal is 0 for every candidate, so it adds nothing). */
        public Case(int supportSize, double[] network, double[] popularity, double[] neighbours, double[] encoder, boolean[] positive) {
            this(supportSize, network, popularity, neighbours, encoder, new double[network.length], positive);
        }

        int positives() {
            int p = 0;
            for (boolean b : positive) if (b) p++;
            return p;
        }
    }

    /**
     * Per bucket of {@code upTo}, the weights on a grid ({0, 1/4, 1/2, 1, 2} for each of the first four signals; the forward
     * neighbours' weight 0: the grid is a comparison, not the served fit) with the best mean
     * Recall@10 (hits / min(10, positives)) over the cases of that bucket (a case belongs to the first bucket whose
     * bound is at least its support size); on equal recall the earlier grid point. A bucket without cases takes the
     * weights of the nearest bucket with cases; with no case at all the blend is {@link #NETWORK_ONLY}.
     */
    public static RankBlend fit(List<Case> cases, int[] upTo) { return fit(cases, upTo, Fit.GRID); }

    /** How a bucket's weights are chosen from its cases. */
    public enum Fit {
        /** The grid point with the best mean Recall@10 ({@link #fit(List, int[])}). */
        GRID,
        /**
         * The weights >= 0 that maximise the likelihood of the positives under a softmax over each case's candidates of
         * the blended score (the mean over cases of -1/P sum over positives of log softmax), with a small ridge (10⁻³ |w|²):
         * a smooth, convex objective in the five weights (four when no case has forward neighbours), solved by projected Newton steps, instead of the step function
         * Recall@10 that the grid maximises, whose best point jumps with a few cases.
         */
        LIKELIHOOD,
        /**
         * {@link #LIKELIHOOD} with the buckets' weights tied together: a bucket's weights are
         * {@code (1 - t) u + t v}, {@code t} the bucket's bound's place between the first and the last bound on a log scale
         * (0 at the first bucket, 1 at the last), and the two end points {@code u, v >= 0} are fitted on every bucket's cases
         * at once (so the weights are >= 0 everywhere). Eight weights fitted on all the cases instead of four on each
         * bucket's fifth: less variance, at the price of weights that move with log support size along a line.
         */
        SMOOTH
    }

    public static RankBlend fit(List<Case> cases, int[] upTo, Fit how) {
        if (how == Fit.SMOOTH) return smooth(cases, upTo);
        List<List<Case>> byBucket = new ArrayList<>();
        for (int b = 0; b < upTo.length; b++) byBucket.add(new ArrayList<>());
        for (Case c : cases) {
            if (c.positives() == 0) continue;
            byBucket.get(bucketOf(c.supportSize(), upTo)).add(c);
        }
        double[][] chosen = new double[upTo.length][];
        for (int b = 0; b < upTo.length; b++)
            if (!byBucket.get(b).isEmpty()) chosen[b] = how == Fit.GRID ? best(byBucket.get(b)) : likeliest(byBucket.get(b));
        boolean any = false;
        for (double[] w : chosen) any |= w != null;
        if (!any) return NETWORK_ONLY;
        for (int b = 0; b < upTo.length; b++) {
            if (chosen[b] != null) continue;
            for (int d = 1; chosen[b] == null; d++) {
                if (b - d >= 0 && byBucket.get(b - d).size() > 0) chosen[b] = chosen[b - d];
                else if (b + d < upTo.length && byBucket.get(b + d).size() > 0) chosen[b] = chosen[b + d];
            }
        }
        return new RankBlend(upTo, chosen);
    }

    /**
     * Per bucket of this blend, the mean Recall@10 of its weights over the {@code cases} in that bucket (NaN for a
     * bucket without cases): what the fit achieved on its validation users.
     */
    public double[] recallByBucket(List<Case> cases) {
        double[] sum = new double[upTo.length];
        int[] n = new int[upTo.length];
        for (Case c : cases) {
            if (c.positives() == 0) continue;
            int b = bucketOf(c.supportSize(), upTo);
            double[] score = combine(weights[b], c.network(), c.popularity(), c.neighbours(), c.encoder(), c.forward());
            sum[b] += recallAt10(score, c.positive(), c.positives());
            n[b]++;
        }
        for (int b = 0; b < upTo.length; b++) sum[b] = n[b] == 0 ? Double.NaN : sum[b] / n[b];
        return sum;
    }

    /**
     * Per bucket, the mean Recall@10 of weights fitted on the other half of the users: {@code first} and {@code second}
     * hold the cases of two disjoint sets of users; the blend fitted ({@link #fit}) on one is judged
     * on the other, both ways, and the two recalls are averaged weighted by their cases. An estimate of what the fit
     * achieves on users it did not see, which the recall on its own cases ({@link #recallByBucket}) overstates.
     */
    public static double[] crossFitted(List<Case> first, List<Case> second, int[] upTo, Fit how) {
        double[] a = fit(first, upTo, how).recallByBucket(second), b = fit(second, upTo, how).recallByBucket(first);
        int[] na = counts(second, upTo), nb = counts(first, upTo);
        double[] out = new double[upTo.length];
        for (int k = 0; k < out.length; k++) {
            double sum = (na[k] > 0 ? a[k] * na[k] : 0) + (nb[k] > 0 ? b[k] * nb[k] : 0);
            out[k] = na[k] + nb[k] == 0 ? Double.NaN : sum / (na[k] + nb[k]);
        }
        return out;
    }

    /**
     * Per bucket, this blend's weights, or a single signal's (weight 1 on it alone) where that signal's own Recall@10 over
     * the bucket's {@code cases} is above {@code blendRecall[b]} (the blend's cross-fitted recall: a single signal has no
     * weight fitted on the cases, so its recall on them is not flattered by the fit). A trial ({@code RankFit}).
     */
    public RankBlend orSingleSignal(double[] blendRecall, List<Case> cases) {
        double[][] w = new double[upTo.length][];
        for (int b = 0; b < upTo.length; b++) w[b] = weights[b].clone();
        double[] best = blendRecall.clone();
        double[][] alone = recallAlone(cases, upTo);
        for (int signal = 0; signal < SIGNALS; signal++)
            for (int b = 0; b < upTo.length; b++)
                if (alone[signal][b] > best[b] || (Double.isNaN(best[b]) && !Double.isNaN(alone[signal][b]))) {
                    best[b] = alone[signal][b];
                    w[b] = new double[SIGNALS];
                    w[b][signal] = 1;
                }
        return new RankBlend(upTo, w);
    }

    /** Per signal (in the order of {@link #SIGNALS}' indices), its own mean Recall@10 (weight 1, the others 0) by bucket of {@code upTo}. */
    public static double[][] recallAlone(List<Case> cases, int[] upTo) {
        double[][] out = new double[SIGNALS][];
        for (int signal = 0; signal < SIGNALS; signal++) {
            double[][] alone = new double[upTo.length][SIGNALS];
            for (double[] bucket : alone) bucket[signal] = 1;
            out[signal] = new RankBlend(upTo, alone).recallByBucket(cases);
        }
        return out;
    }

    private static int[] counts(List<Case> cases, int[] upTo) {
        int[] n = new int[upTo.length];
        for (Case c : cases) {
            if (c.positives() == 0) continue;
            n[bucketOf(c.supportSize(), upTo)]++;
        }
        return n;
    }

    private static final double RIDGE = 1e-3;

    /** {@link Fit#LIKELIHOOD}: projected Newton steps from equal weights of 1. */
    private static double[] likeliest(List<Case> cases) {
        List<double[][]> z = standardisedSignals(cases);
        int dims = signalsIn(z);
        double[] w = newton(dims, (x, g, h) -> {
            double loss = 0;
            for (int u = 0; u < cases.size(); u++) loss = caseLoss(z.get(u), cases.get(u), x, g, h, cases.size(), loss);
            return loss + ridge(x, g, h);
        });
        double sum = 0;
        for (double x : w) sum += x;
        if (!(sum > 0) || !Double.isFinite(sum)) return new double[]{1, 0, 0, 0, 0};
        return Arrays.copyOf(w, SIGNALS);
    }

    /**
     * How many signals the fit weighs: all of them, or all but the forward neighbours when no case has them (a blend
     * without that signal is then fitted exactly as before it existed).
     */
    private static int signalsIn(List<double[][]> standardised) {
        for (double[][] s : standardised) for (double x : s[FORWARD]) if (x != 0) return SIGNALS;
        return SIGNALS - 1;
    }

    /**
     * {@link Fit#SMOOTH}: the end points u (first bucket) and v (last) by projected Newton steps over every case, a case
     * of bucket b scored with {@code (1 - t_b) u + t_b v}; each bucket's weights then read off the line.
     */
    private static RankBlend smooth(List<Case> all, int[] upTo) {
        List<Case> cases = new ArrayList<>();
        for (Case c : all) if (c.positives() > 0) cases.add(c);
        if (cases.isEmpty()) return NETWORK_ONLY;
        double[] t = new double[upTo.length];
        double span = Math.log(upTo[upTo.length - 1]) - Math.log(Math.max(1, upTo[0]));
        for (int b = 0; b < upTo.length; b++) t[b] = span > 0 ? (Math.log(Math.max(1, upTo[b])) - Math.log(Math.max(1, upTo[0]))) / span : 0;
        List<double[][]> z = standardisedSignals(cases);
        double[] caseT = new double[cases.size()];
        for (int u = 0; u < caseT.length; u++) caseT[u] = t[bucketOf(cases.get(u).supportSize(), upTo)];
        int dims = signalsIn(z);
        double[] ends = newton(2 * dims, (x, g, h) -> {
            double loss = 0;
            double[] cg = g == null ? null : new double[dims];
            double[][] ch = h == null ? null : new double[dims][dims];
            for (int u = 0; u < cases.size(); u++) {
                double a = 1 - caseT[u], b = caseT[u];
                double[] w = new double[dims];
                for (int k = 0; k < dims; k++) w[k] = a * x[k] + b * x[dims + k];
                if (g != null) { Arrays.fill(cg, 0); for (double[] row : ch) Arrays.fill(row, 0); }
                loss = caseLoss(z.get(u), cases.get(u), w, cg, ch, cases.size(), loss);
                if (g == null) continue;
                double[] f = {a, b};
                for (int p = 0; p < 2; p++)
                    for (int k = 0; k < dims; k++) {
                        g[p * dims + k] += f[p] * cg[k];
                        for (int q = 0; q < 2; q++)
                            for (int l = 0; l < dims; l++) h[p * dims + k][q * dims + l] += f[p] * f[q] * ch[k][l];
                    }
            }
            return loss + ridge(x, g, h);
        });
        double[][] weights = new double[upTo.length][SIGNALS];
        for (int b = 0; b < upTo.length; b++) {
            double sum = 0;
            for (int k = 0; k < dims; k++) sum += weights[b][k] = (1 - t[b]) * ends[k] + t[b] * ends[dims + k];
            if (!(sum > 0) || !Double.isFinite(sum)) weights[b] = new double[]{1, 0, 0, 0, 0};
        }
        return new RankBlend(upTo, weights);
    }

    /** A smooth convex loss of weights {@code x}; adds its gradient and Hessian into {@code g}, {@code h} when they are not null. */
    private interface Objective { double at(double[] x, double[] g, double[][] h); }

    /** The minimum over x >= 0 of {@code f}, by projected Newton steps with backtracking from x = 1. */
    private static double[] newton(int dims, Objective f) {
        double[] w = new double[dims];
        Arrays.fill(w, 1);
        double loss = f.at(w, null, null);
        for (int iter = 0; iter < 50; iter++) {
            double[] g = new double[dims];
            double[][] h = new double[dims][dims];
            f.at(w, g, h);
            double[] step = solve(h, g);
            double t = 1;
            double[] next = null;
            double nextLoss = Double.POSITIVE_INFINITY;
            for (int tries = 0; tries < 20; tries++, t /= 2) {
                next = new double[dims];
                for (int k = 0; k < dims; k++) next[k] = Math.max(0, w[k] - t * step[k]);
                nextLoss = f.at(next, null, null);
                if (nextLoss < loss) break;
            }
            if (!(nextLoss < loss - 1e-9)) break;
            w = next;
            loss = nextLoss;
        }
        return w;
    }

    /** The ridge {@value #RIDGE} |x|²; adds its gradient and Hessian. */
    private static double ridge(double[] x, double[] g, double[][] h) {
        double loss = 0;
        for (int k = 0; k < x.length; k++) {
            loss += RIDGE * x[k] * x[k];
            if (g != null) { g[k] += 2 * RIDGE * x[k]; h[k][k] += 2 * RIDGE; }
        }
        return loss;
    }

    /**
     * {@code loss} plus one case's softmax loss of its positives under weights {@code w} (-1/P sum over positives of log
     * softmax), divided by the {@code cases}; adds its gradient and Hessian, divided by the cases, into {@code g} and
     * {@code h} when they are not null.
     */
    private static double caseLoss(double[][] s, Case c, double[] w, double[] g, double[][] h, int cases, double loss) {
        boolean[] pos = c.positive();
        int n = pos.length, p = c.positives();
        double[] score = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = 0;
            for (int k = 0; k < w.length; k++) x += w[k] * s[k][i];
            score[i] = x;
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(score[i] - max);
        double logZ = max + Math.log(sum);
        int dims = w.length;
        double[] mean = new double[dims], posMean = new double[dims];
        double[][] second = h == null ? null : new double[dims][dims];
        for (int i = 0; i < n; i++) {
            double prob = Math.exp(score[i] - logZ);
            if (pos[i]) loss += (logZ - score[i]) / p / cases;
            if (g == null) continue;
            for (int k = 0; k < dims; k++) {
                mean[k] += prob * s[k][i];
                if (pos[i]) posMean[k] += s[k][i] / p;
                for (int l = 0; l <= k; l++) second[k][l] += prob * s[k][i] * s[l][i];
            }
        }
        if (g != null)
            for (int k = 0; k < dims; k++) {
                g[k] += (mean[k] - posMean[k]) / cases;
                for (int l = 0; l <= k; l++) {
                    double cov = (second[k][l] - mean[k] * mean[l]) / cases;
                    h[k][l] += cov;
                    if (l != k) h[l][k] += cov;
                }
            }
        return loss;
    }

    /** x with h x = g (Gaussian elimination with partial pivoting; h is positive definite thanks to the ridge). */
    private static double[] solve(double[][] h, double[] g) {
        int n = g.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) { System.arraycopy(h[i], 0, a[i], 0, n); a[i][n] = g[i]; }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
            double[] t = a[c]; a[c] = a[p]; a[p] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) a[r][k] -= f * a[c][k];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = a[r][n];
            for (int k = r + 1; k < n; k++) v -= a[r][k] * x[k];
            x[r] = v / a[r][r];
        }
        return x;
    }

    /** Per case, its five signals standardised ({@link #standardised}), in the order of {@link #SIGNALS}' indices. */
    private static List<double[][]> standardisedSignals(List<Case> cases) {
        List<double[][]> z = new ArrayList<>();
        for (Case c : cases)
            z.add(new double[][]{standardised(networkSignal(c.network())), standardised(c.popularity()), standardised(neighbourSignal(c.neighbours())), standardised(c.encoder()),
                    standardised(neighbourSignal(c.forward()))});
        return z;
    }

    private static double[] best(List<Case> cases) {
        List<double[][]> z = standardisedSignals(cases);
        double[] best = null;
        double bestRecall = -1;
        for (double a : GRID) for (double p : GRID) for (double nb : GRID) for (double en : GRID) {
            if (a + p + nb + en == 0) continue;
            double recall = 0;
            for (int u = 0; u < cases.size(); u++) {
                double[][] s = z.get(u);
                double[] score = new double[s[0].length];
                for (int i = 0; i < score.length; i++) score[i] = (a + TIE_BREAK) * s[0][i] + p * s[1][i] + nb * s[2][i] + en * s[3][i];
                recall += recallAt10(score, cases.get(u).positive(), cases.get(u).positives());
            }
            recall /= cases.size();
            if (recall > bestRecall + 1e-12) { bestRecall = recall; best = new double[]{a, p, nb, en, 0}; }
        }
        return best;
    }

    /** Hits in the top 10 (ties: the lower index first) over min(10, positives). */
    public static double recallAt10(double[] score, boolean[] positive, int positives) {
        int[] top = new int[Math.min(10, score.length)];
        int size = 0;
        for (int i = 0; i < score.length; i++) {
            if (size == top.length && !(score[i] > score[top[size - 1]])) continue;
            int at = size < top.length ? size++ : size - 1;
            while (at > 0 && score[i] > score[top[at - 1]]) { top[at] = top[at - 1]; at--; }
            top[at] = i;
        }
        int hits = 0;
        for (int j = 0; j < size; j++) if (positive[top[j]]) hits++;
        return hits / (double) Math.min(10, positives);
    }

    @Override public boolean equals(Object o) { return o instanceof RankBlend r && Arrays.equals(upTo, r.upTo) && Arrays.deepEquals(weights, r.weights); }

    @Override public int hashCode() { return 31 * Arrays.hashCode(upTo) + Arrays.deepHashCode(weights); }

    @Override public String toString() {
        StringBuilder s = new StringBuilder("RankBlend[");
        for (int b = 0; b < upTo.length; b++) s.append(b == 0 ? "" : ", ").append("<=").append(upTo[b]).append(": ").append(Arrays.toString(weights[b]));
        return s.append(']').toString();
    }
}
