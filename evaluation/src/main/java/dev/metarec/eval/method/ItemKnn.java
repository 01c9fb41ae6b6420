package dev.metarec.eval.method;

import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.RankingCandidates;
import dev.metarec.eval.protocol.UserTask;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Item-based k-nearest-neighbour ranking (Deshpande and Karypis, "Item-based top-N recommendation
 * algorithms", ACM TOIS 2004) on the binarised training histories ({@link TrainingData#histories()}).
 * <p>
 * Similarity of items i and j: cosine with shrinkage, |U_i ∩ U_j| / (sqrt(|U_i| |U_j|) + s), where U_i
 * is the set of training users who interacted with i. Each item keeps its K most similar items (its
 * neighbourhood). A user's score for item j is the sum, over the distinct support items i, of sim(i, j)
 * when j is among i's K neighbours; every item then gets the popularity tie-break of
 * {@link RankingScores#TIE_BREAK} (so with no neighbour it ranks by popularity). K and s are chosen
 * from the grids on the validation users only, per support size k: for each k, the grid point with the
 * highest mean capped Recall@10 over the validation users' tasks with k support events (ties go to the
 * earlier grid point), since what serves best after 1 event is not what serves best after 20. The fit depends only on the training histories and the
 * validation tasks, so it is computed once and reused while they stay the same (across seeds).
 */
public final class ItemKnn implements RatingMethod {
    public static final List<Integer> NEIGHBOURHOODS = List.of(10, 20, 50, 100, 200, 500);
    public static final List<Double> SHRINKAGES = List.of(0.0, 10.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 3000.0);

    private final List<Integer> neighbourhoods;
    private final List<Double> shrinkages;
    private RankingScores.FitKey cachedKey;
    private Fitted cached;

    public ItemKnn(List<Integer> neighbourhoods, List<Double> shrinkages) {
        if (neighbourhoods.isEmpty() || shrinkages.isEmpty()) throw new IllegalArgumentException("item-kNN needs at least one neighbourhood size and one shrinkage");
        for (int k : neighbourhoods) if (k < 1) throw new IllegalArgumentException("neighbourhood sizes must be >= 1, was " + k);
        for (double s : shrinkages) if (!(s >= 0) || !Double.isFinite(s)) throw new IllegalArgumentException("shrinkage must be finite and >= 0, was " + s);
        this.neighbourhoods = List.copyOf(neighbourhoods);
        this.shrinkages = List.copyOf(shrinkages);
    }

    public static ItemKnn standard() { return new ItemKnn(NEIGHBOURHOODS, SHRINKAGES); }

    @Override public String name() { return "item-kNN"; }

    @Override public synchronized Fitted fit(TrainingData data, Progress progress) {
        RankingScores.FitKey key = RankingScores.FitKey.of(data);
        if (key.equals(cachedKey)) return cached;
        InteractionMatrix m = new InteractionMatrix(data.dataset().items(), data.histories());
        int maxK = neighbourhoods.stream().mapToInt(Integer::intValue).max().orElseThrow();
        Neighbours[] byShrinkage = Neighbours.compute(m, shrinkages, maxK);
        List<RankingCandidates> validation = RankingScores.validationCandidates(data);
        List<Setting> grid = new java.util.ArrayList<>();
        List<TreeMap<Integer, Double>> recalls = new java.util.ArrayList<>();
        for (int s = 0; s < shrinkages.size(); s++) {
            for (int k : neighbourhoods) {
                Setting setting = new Setting(k, shrinkages.get(s), byShrinkage[s]);
                Fitted single = new Fitted(m, new TreeMap<>(Map.of(0, setting)));
                grid.add(setting);
                recalls.add(RankingScores.validationRecall(validation, data.observed(), (t, o) -> single.predict(t, o, 0)));
            }
        }
        TreeMap<Integer, Setting> chosen = new TreeMap<>();
        RankingScores.choose(recalls).forEach((size, g) -> chosen.put(size, grid.get(g)));
        StringBuilder log = new StringBuilder();
        chosen.forEach((size, st) -> log.append(String.format(Locale.ROOT, " k=%d: K=%d, s=%g;", size, st.neighbours(), st.shrinkage())));
        StringBuilder table = new StringBuilder();
        for (int g = 0; g < grid.size(); g++) table.append(String.format(Locale.ROOT, " K=%d,s=%g:%s", grid.get(g).neighbours(), grid.get(g).shrinkage(), format(recalls.get(g))));
        System.err.printf(Locale.ROOT, "%n[item-kNN] chosen per support size on validation users:%s (validation Recall@10 by K, shrinkage and k:%s)%n", log, table);
        cachedKey = key;
        cached = new Fitted(m, chosen);
        return cached;
    }

    static String format(TreeMap<Integer, Double> bySize) {
        StringBuilder b = new StringBuilder("[");
        bySize.forEach((k, v) -> b.append(b.length() > 1 ? " " : "").append(String.format(Locale.ROOT, "%.4f", v)));
        return b.append(']').toString();
    }

    /** A grid point: neighbourhood size K, shrinkage s and the neighbour lists for s. */
    record Setting(int neighbours, double shrinkage, Neighbours lists) {}

    /** Each item's most similar items, best first, for one shrinkage. */
    record Neighbours(int[][] items, float[][] similarities) {
        static Neighbours[] compute(InteractionMatrix m, List<Double> shrinkages, int maxK) {
            int n = m.items();
            int[][] columns = m.columns();
            Neighbours[] out = new Neighbours[shrinkages.size()];
            for (int s = 0; s < out.length; s++) out[s] = new Neighbours(new int[n][], new float[n][]);
            int[] co = new int[n];
            int[] touched = new int[n];
            for (int i = 0; i < n; i++) {
                int t = 0;
                for (int u : columns[i]) for (int j : m.row(u)) if (j != i && co[j]++ == 0) touched[t++] = j;
                for (int s = 0; s < out.length; s++) {
                    long[] keys = new long[t];
                    for (int x = 0; x < t; x++) {
                        int j = touched[x];
                        float sim = (float) (co[j] / (Math.sqrt((double) m.users(i) * m.users(j)) + shrinkages.get(s)));
                        // Non-negative floats order like their bits; the complement of j makes ties go to the lower index.
                        keys[x] = ((long) Float.floatToIntBits(sim) << 32) | (0xffffffffL & ~j);
                    }
                    Arrays.sort(keys);
                    int keep = Math.min(maxK, t);
                    int[] items = new int[keep];
                    float[] sims = new float[keep];
                    for (int x = 0; x < keep; x++) {
                        long key = keys[t - 1 - x];
                        items[x] = ~(int) key;
                        sims[x] = Float.intBitsToFloat((int) (key >>> 32));
                    }
                    out[s].items[i] = items;
                    out[s].similarities[i] = sims;
                }
                for (int x = 0; x < t; x++) co[touched[x]] = 0;
            }
            return out;
        }
    }

    /**
     * Item-kNN with a neighbourhood size and shrinkage per support size (chosen on validation users with
     * that many support events; a support of n events uses the choice for the largest validated size <= n).
     * Immutable.
     */
    public static final class Fitted implements FittedModel {
        private final InteractionMatrix matrix;
        private final TreeMap<Integer, Setting> bySupportSize;

        Fitted(InteractionMatrix matrix, TreeMap<Integer, Setting> bySupportSize) {
            this.matrix = matrix;
            this.bySupportSize = bySupportSize;
        }

        /** The neighbourhood size used for a support of {@code supportSize} events. */
        public int neighbours(int supportSize) { return RankingScores.forSupportSize(bySupportSize, supportSize).neighbours(); }

        /** The shrinkage used for a support of {@code supportSize} events. */
        public double shrinkage(int supportSize) { return RankingScores.forSupportSize(bySupportSize, supportSize).shrinkage(); }

        /** sim(i, j) kept in i's neighbourhood for a support of {@code supportSize} events, else 0 (for tests). */
        double similarity(int i, int j, int supportSize) {
            Setting st = RankingScores.forSupportSize(bySupportSize, supportSize);
            int[] items = st.lists().items()[i];
            for (int x = 0; x < Math.min(st.neighbours(), items.length); x++) if (items[x] == j) return st.lists().similarities()[i][x];
            return 0;
        }

        @Override public List<Integer> stepCounts() { return List.of(0); }

        @Override public boolean predictsRatings() { return false; }

        @Override public double[] predict(UserTask task, Observations observed, int steps) {
            Setting st = RankingScores.forSupportSize(bySupportSize, task.support().size());
            double[] byIndex = new double[matrix.items()];
            for (int i : matrix.indices(task.support(), false)) {
                int[] items = st.lists().items()[i];
                float[] sims = st.lists().similarities()[i];
                for (int x = 0; x < Math.min(st.neighbours(), items.length); x++) byIndex[items[x]] += sims[x];
            }
            return RankingScores.forQuery(matrix, byIndex, task, observed);
        }
    }
}
