package dev.metarec.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Item-to-item similarities from who interacted with what (binarised): the cosine of two items' user sets,
 * shrunk while the overlap is small (Sarwar et al., WWW 2001; shrinkage as in Koren, KDD 2008):
 * <pre>sim(i, j) = |U(i) ∩ U(j)| / (sqrt(|U(i)| |U(j)|) + shrinkage)</pre>
 * and only each item's {@code maxNeighbours} most similar items are kept (ties: the smaller item id first).
 * Immutable; items are kept in id order.
 */
public final class ItemNeighbours {
    public static final ItemNeighbours NONE = new ItemNeighbours(List.of(), new int[0][], new float[0][], 0, 0.0);

    private final List<String> items;
    private final Map<String, Integer> index;
    private final int[][] neighbours;
    private final float[][] similarity;
    private final int maxNeighbours;
    private final double shrinkage;

    /**
     * @param items       item ids, strictly increasing
     * @param neighbours  per item, indices into {@code items} (not the item itself), most similar first
     * @param similarity  per item, the similarities of those neighbours: finite, >= 0, non-increasing
     */
    public ItemNeighbours(List<String> items, int[][] neighbours, float[][] similarity, int maxNeighbours, double shrinkage) {
        if (neighbours.length != items.size() || similarity.length != items.size())
            throw new IllegalArgumentException("neighbour lists (" + neighbours.length + ", " + similarity.length + ") must match the " + items.size() + " items");
        if (maxNeighbours < 0) throw new IllegalArgumentException("maxNeighbours must be >= 0, was " + maxNeighbours);
        if (!(shrinkage >= 0) || !Double.isFinite(shrinkage)) throw new IllegalArgumentException("shrinkage must be finite and >= 0, was " + shrinkage);
        Map<String, Integer> ix = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String id = Objects.requireNonNull(items.get(i), "item id");
            if (i > 0 && items.get(i - 1).compareTo(id) >= 0) throw new IllegalArgumentException("item ids must be strictly increasing at #" + i);
            ix.put(id, i);
            if (neighbours[i].length != similarity[i].length || neighbours[i].length > maxNeighbours)
                throw new IllegalArgumentException("item " + id + ": " + neighbours[i].length + " neighbours, " + similarity[i].length
                        + " similarities, at most " + maxNeighbours + " allowed");
            for (int n = 0; n < neighbours[i].length; n++) {
                int j = neighbours[i][n];
                float s = similarity[i][n];
                if (j < 0 || j >= items.size() || j == i) throw new IllegalArgumentException("item " + id + ": neighbour index " + j + " out of range");
                if (!Float.isFinite(s) || s < 0 || (n > 0 && s > similarity[i][n - 1]))
                    throw new IllegalArgumentException("item " + id + ": similarity " + s + " at #" + n + " is not finite, >= 0 and non-increasing");
            }
        }
        this.items = List.copyOf(items);
        this.index = Map.copyOf(ix);
        this.neighbours = neighbours;
        this.similarity = similarity;
        this.maxNeighbours = maxNeighbours;
        this.shrinkage = shrinkage;
    }

    /** Fitted on each user's items (duplicates within a user count once). */
    public static ItemNeighbours fit(Collection<? extends Collection<String>> itemsByUser, int maxNeighbours, double shrinkage) {
        return fit(itemsByUser, maxNeighbours, shrinkage, 0.5, 0);
    }

    /**
     * Fitted with the asymmetric cosine (Aiolli, RecSys 2013): {@code sim(i, j) = |U(i) ∩ U(j)| / (|U(i)|^alpha |U(j)|^(1 - alpha)
     * + shrinkage)}, i the user's item and j its neighbour; alpha 0.5 is the cosine, a larger alpha moves towards
     * P(j | i) (popular neighbours favoured), a smaller one penalises a neighbour's popularity. With {@code window > 0}
     * the overlap counts only the users with whom j came after i, at most {@code window} of the user's items later (each
     * user's items in the collection's order, oldest first): who-had-this-went-on-to-have-that; {@code window} 0 counts
     * every co-occurrence. The cosine of every co-occurrence and the cosine of the forward ones (unbounded window) are
     * served, as two blend signals ({@code RankFit}); other alphas and windows are trials.
     */
    public static ItemNeighbours fit(Collection<? extends Collection<String>> itemsByUser, int maxNeighbours, double shrinkage, double alpha, int window) {
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in [0, 1], was " + alpha);
        if (window < 0) throw new IllegalArgumentException("window must be >= 0, was " + window);
        TreeSet<String> ids = new TreeSet<>();
        itemsByUser.forEach(ids::addAll);
        List<String> items = new ArrayList<>(ids);
        Map<String, Integer> ix = new HashMap<>();
        for (int i = 0; i < items.size(); i++) ix.put(items.get(i), i);
        int[][] users = new int[itemsByUser.size()][];
        int[] degree = new int[items.size()];
        int u = 0;
        for (Collection<String> c : itemsByUser) {
            int[] row = c.stream().mapToInt(ix::get).distinct().toArray();   // in the user's order
            if (window == 0) Arrays.sort(row);
            for (int i : row) degree[i]++;
            users[u++] = row;
        }
        int[][] usersOf = new int[items.size()][];
        int[][] positionIn = window == 0 ? null : new int[items.size()][];   // where i is in each of its users' rows: forward windows only
        for (int i = 0; i < items.size(); i++) {
            usersOf[i] = new int[degree[i]];
            if (positionIn != null) positionIn[i] = new int[degree[i]];
        }
        int[] fill = new int[items.size()];
        for (u = 0; u < users.length; u++)
            for (int p = 0; p < users[u].length; p++) {
                int i = users[u][p];
                if (positionIn != null) positionIn[i][fill[i]] = p;
                usersOf[i][fill[i]++] = u;
            }
        int[][] nb = new int[items.size()][];
        float[][] sim = new float[items.size()][];
        int[] co = new int[items.size()];
        int[] touched = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            int t = 0;
            for (int k = 0; k < usersOf[i].length; k++) {
                int[] row = users[usersOf[i][k]];
                int from = window == 0 ? 0 : positionIn[i][k] + 1, to = window == 0 ? row.length : (int) Math.min(row.length, (long) from + window);
                for (int p = from; p < to; p++) { int j = row[p]; if (j != i && co[j]++ == 0) touched[t++] = j; }
            }
            Integer[] order = new Integer[t];
            double[] s = new double[items.size()];
            for (int x = 0; x < t; x++) {
                int j = touched[x];
                double norm = alpha == 0.5 ? Math.sqrt((double) degree[i] * degree[j]) : Math.pow(degree[i], alpha) * Math.pow(degree[j], 1 - alpha);
                s[j] = co[j] / (norm + shrinkage);
                order[x] = j;
            }
            Arrays.sort(order, (a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(a, b));
            int m = Math.min(maxNeighbours, t);
            nb[i] = new int[m];
            sim[i] = new float[m];
            for (int x = 0; x < m; x++) { nb[i][x] = order[x]; sim[i][x] = (float) s[order[x]]; }
            for (int x = 0; x < t; x++) co[touched[x]] = 0;
        }
        return new ItemNeighbours(items, nb, sim, maxNeighbours, shrinkage);
    }

    /**
     * Per row of this table (its items in id order), the item's position in a catalogue: {@code positionOf} of its id (-1
     * when the catalogue does not hold it). Computed once per catalogue snapshot, so that {@link #scores} looks no id up.
     */
    public int[] positionsIn(ToIntFunction<String> positionOf) {
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) out[i] = positionOf.applyAsInt(items.get(i));
        return out;
    }

    /**
     * For every candidate slot, the summed similarity of the candidate to the support items, each multiplied by its
     * weight (serving weighs recent events more, so the neighbours follow a taste that moves; unknown support items
     * add nothing). {@code positions} is {@link #positionsIn} of the catalogue, {@code slotOfPosition} maps a catalogue
     * position to its slot in the result, or -1 when it is no candidate.
     */
    public double[] scores(Map<String, Double> weightedSupport, int[] positions, int[] slotOfPosition, int slots) {
        if (positions.length != items.size()) throw new IllegalArgumentException("positions of " + positions.length + " items for a table of " + items.size());
        double[] out = new double[slots];
        for (Map.Entry<String, Double> s : weightedSupport.entrySet()) {
            Integer i = index.get(s.getKey());
            double w = s.getValue();
            if (i == null || w == 0) continue;
            for (int n = 0; n < neighbours[i].length; n++) {
                int p = positions[neighbours[i][n]];
                int slot = p < 0 ? -1 : slotOfPosition[p];
                if (slot >= 0) out[slot] += w * similarity[i][n];
            }
        }
        return out;
    }

    public List<String> items() { return items; }

    public int[] neighboursOf(int item) { return neighbours[item].clone(); }

    public float[] similaritiesOf(int item) { return similarity[item].clone(); }

    /** The similarity of {@code b} among {@code a}'s kept neighbours, 0 when it is not one of them or either is unknown. */
    public double similarity(String a, String b) {
        Integer i = index.get(a), j = index.get(b);
        if (i == null || j == null) return 0.0;
        for (int n = 0; n < neighbours[i].length; n++) if (neighbours[i][n] == j) return similarity[i][n];
        return 0.0;
    }

    public int maxNeighbours() { return maxNeighbours; }

    public double shrinkage() { return shrinkage; }

    public boolean isEmpty() { return items.isEmpty(); }

    @Override public boolean equals(Object o) {
        return o instanceof ItemNeighbours n && items.equals(n.items) && maxNeighbours == n.maxNeighbours
                && Double.compare(shrinkage, n.shrinkage) == 0 && Arrays.deepEquals(neighbours, n.neighbours) && Arrays.deepEquals(similarity, n.similarity);
    }

    @Override public int hashCode() { return Objects.hash(items, maxNeighbours, shrinkage, Arrays.deepHashCode(neighbours)); }
}
