package dev.metarec.eval.method;

import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.RankingCandidates;
import dev.metarec.eval.protocol.UserTask;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * EASE, the embarrassingly shallow autoencoder (Steck, "Embarrassingly Shallow Autoencoders for Sparse
 * Data", WWW 2019), on the binarised training histories ({@link TrainingData#histories()}).
 * <p>
 * With X the binary user-item matrix of the modelled items and G = XᵀX, the closed form is
 * P = (G + λI)⁻¹ and B = I − P·diag(1/diag(P)), i.e. B[i][j] = −P[i][j] / P[j][j] off the diagonal and
 * B[i][i] = 0. The inverse is EJML's Cholesky-based {@link CommonOps_DDRM#invertSPD}. A user's score for
 * item j is the sum of B[i][j] over the distinct modelled support items i, plus the popularity
 * tie-break of {@link RankingScores#TIE_BREAK}.
 * <p>
 * <b>Modelled items</b>: the items with training interactions, at most the {@code maxItems} most
 * popular of them (ties by catalogue order): the dense n×n inverse costs n³ and 8n² bytes per matrix.
 * Every other item scores 0 plus the tie-break. λ is chosen from the grid on the validation users only,
 * per support size k (the highest mean capped Recall@10 over the validation users' tasks with k support
 * events; ties go to the smaller λ), one inverse per λ; the weights of the λ values chosen for some k are
 * kept. The fit depends only on the training histories and the validation tasks, so it is computed once and
 * reused while they stay the same (across seeds).
 */
public final class Ease implements RatingMethod {
    public static final List<Double> LAMBDAS = List.of(20.0, 100.0, 300.0, 1000.0, 3000.0, 10000.0, 30000.0, 100000.0);
    public static final int MAX_ITEMS = 5000;

    private final List<Double> lambdas;
    private final int maxItems;
    private RankingScores.FitKey cachedKey;
    private Fitted cached;

    public Ease(List<Double> lambdas, int maxItems) {
        if (lambdas.isEmpty()) throw new IllegalArgumentException("EASE needs at least one lambda");
        for (double l : lambdas) if (!(l > 0) || !Double.isFinite(l)) throw new IllegalArgumentException("lambda must be finite and > 0, was " + l);
        if (maxItems < 1) throw new IllegalArgumentException("maxItems must be >= 1, was " + maxItems);
        this.lambdas = List.copyOf(lambdas);
        this.maxItems = maxItems;
    }

    public static Ease standard() { return new Ease(LAMBDAS, MAX_ITEMS); }

    @Override public String name() { return "EASE"; }

    @Override public synchronized Fitted fit(TrainingData data, Progress progress) {
        RankingScores.FitKey key = RankingScores.FitKey.of(data);
        if (key.equals(cachedKey)) return cached;
        cached = null;   // let the previous data set's matrices go before allocating this one's
        cachedKey = null;
        InteractionMatrix m = new InteractionMatrix(data.dataset().items(), data.histories());
        int[] modelled = modelledItems(m, maxItems);
        DMatrixRMaj gram = gram(m, modelled);
        List<RankingCandidates> validation = RankingScores.validationCandidates(data);
        List<TreeMap<Integer, Double>> recalls = new ArrayList<>();
        Map<Integer, DMatrixRMaj> kept = new HashMap<>();   // the weights of grid points that are best at some support size so far
        progress.start("EASE (" + modelled.length + " items)", lambdas.size());
        for (int l = 0; l < lambdas.size(); l++) {
            DMatrixRMaj b = weights(gram, lambdas.get(l));
            Fitted single = new Fitted(m, modelled, new TreeMap<>(Map.of(0, b)), new TreeMap<>(Map.of(0, lambdas.get(l))));
            recalls.add(RankingScores.validationRecall(validation, data.observed(), (t, o) -> single.predict(t, o, 0)));
            kept.put(l, b);
            kept.keySet().retainAll(RankingScores.choose(recalls).values());
            progress.advance(l + 1, "λ=" + lambdas.get(l));
        }
        progress.finish();
        TreeMap<Integer, DMatrixRMaj> weights = new TreeMap<>();
        TreeMap<Integer, Double> chosenLambdas = new TreeMap<>();
        RankingScores.choose(recalls).forEach((size, l) -> { weights.put(size, kept.get(l)); chosenLambdas.put(size, lambdas.get(l)); });
        StringBuilder table = new StringBuilder();
        for (int l = 0; l < lambdas.size(); l++) table.append(String.format(Locale.ROOT, " %g:%s", lambdas.get(l), ItemKnn.format(recalls.get(l))));
        System.err.printf(Locale.ROOT, "%n[EASE] %d of %d items modelled; lambda chosen per support size on validation users: %s (validation Recall@10 by lambda and k:%s)%n",
                modelled.length, m.items(), chosenLambdas, table);
        cachedKey = key;
        cached = new Fitted(m, modelled, weights, chosenLambdas);
        return cached;
    }

    /** Catalogue indices of the items with training interactions, the {@code max} most popular, ascending. */
    static int[] modelledItems(InteractionMatrix m, int max) {
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < m.items(); i++) if (m.users(i) > 0) seen.add(i);
        seen.sort(Comparator.comparingInt((Integer i) -> -m.users(i)).thenComparingInt(i -> i));
        return seen.stream().limit(max).mapToInt(Integer::intValue).sorted().toArray();
    }

    /** G = XᵀX over the modelled items (row/column c = modelled[c]). */
    static DMatrixRMaj gram(InteractionMatrix m, int[] modelled) {
        int[] column = new int[m.items()];
        java.util.Arrays.fill(column, -1);
        for (int c = 0; c < modelled.length; c++) column[modelled[c]] = c;
        int n = modelled.length;
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        for (int u = 0; u < m.users(); u++) {
            int[] cols = IntStream.of(m.row(u)).map(i -> column[i]).filter(c -> c >= 0).toArray();
            for (int a : cols) for (int b : cols) g.data[a * n + b] += 1;
        }
        return g;
    }

    /** B = I − P diag(1/diag(P)) with P = (G + λI)⁻¹; G is left unchanged. */
    static DMatrixRMaj weights(DMatrixRMaj gram, double lambda) {
        int n = gram.numRows;
        DMatrixRMaj regularised = gram.copy();
        for (int i = 0; i < n; i++) regularised.data[i * n + i] += lambda;
        DMatrixRMaj p = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invertSPD(regularised, p))
            throw new IllegalStateException("EASE: G + " + lambda + "·I is not positive definite (" + n + " items)");
        regularised = null;
        double[] diag = new double[n];
        for (int j = 0; j < n; j++) diag[j] = p.data[j * n + j];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) p.data[row + j] = i == j ? 0 : -p.data[row + j] / diag[j];
        }
        for (double v : p.data) if (!Double.isFinite(v)) throw new IllegalStateException("EASE: non-finite weight with lambda " + lambda);
        return p;
    }

    /**
     * EASE with a λ per support size (chosen on validation users with that many support events; a support
     * of n events uses the choice for the largest validated size <= n). Immutable.
     */
    public static final class Fitted implements FittedModel {
        private final InteractionMatrix matrix;
        private final int[] modelled;
        private final int[] column;
        private final TreeMap<Integer, DMatrixRMaj> weights;
        private final TreeMap<Integer, Double> lambdas;

        Fitted(InteractionMatrix matrix, int[] modelled, TreeMap<Integer, DMatrixRMaj> weights, TreeMap<Integer, Double> lambdas) {
            this.matrix = matrix;
            this.modelled = modelled;
            this.weights = weights;
            this.lambdas = lambdas;
            this.column = new int[matrix.items()];
            java.util.Arrays.fill(column, -1);
            for (int c = 0; c < modelled.length; c++) column[modelled[c]] = c;
        }

        /** The λ used for a support of {@code supportSize} events. */
        public double lambda(int supportSize) { return RankingScores.forSupportSize(lambdas, supportSize); }

        /** B[i][j] between catalogue indices i and j for a support of {@code supportSize} events (0 when either is not modelled). */
        double weight(int i, int j, int supportSize) {
            return column[i] < 0 || column[j] < 0 ? 0 : RankingScores.forSupportSize(weights, supportSize).get(column[i], column[j]);
        }

        @Override public List<Integer> stepCounts() { return List.of(0); }

        @Override public boolean predictsRatings() { return false; }

        @Override public double[] predict(UserTask task, Observations observed, int steps) {
            DMatrixRMaj b = RankingScores.forSupportSize(weights, task.support().size());
            double[] byIndex = new double[matrix.items()];
            int n = modelled.length;
            for (int i : matrix.indices(task.support(), false)) {
                int row = column[i];
                if (row < 0) continue;
                for (int c = 0; c < n; c++) byIndex[modelled[c]] += b.data[row * n + c];
            }
            return RankingScores.forQuery(matrix, byIndex, task, observed);
        }
    }
}
