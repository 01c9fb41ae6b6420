package dev.metarec.nn;

import dev.metarec.features.EncodedEntity;
import dev.metarec.math.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two-stage scoring of a large catalogue: a first stage over every item, the best of it rescored exactly. */
class TwoStageScoringTest {
    private static final List<String> SHARED_W0 = List.of("mlp.0.b", "mlp.1.W", "mlp.1.b", "out.W", "out.b", "user.bias");

    private final PreferenceNetwork net = new PreferenceNetwork(TestNetworks.config(Objective.SQUARED_ERROR, List.of(32, 16), SHARED_W0),
            TestNetworks.USER_ROWS, TestNetworks.ITEM_ROWS, TestNetworks.USER_IDS, TestNetworks.ITEM_IDS);

    /** Item sides of a large catalogue: independent random first-layer shares, so no two items tie. */
    private static float[][] sides(int n, int width, long seed) {
        Random r = new Random(seed);
        float[][] s = new float[n][width];
        for (float[] side : s) for (int o = 0; o < width; o++) side[o] = (float) (0.6 * r.nextGaussian());
        return s;
    }

    @Test
    void twoStage_scoresTheFirstStagesBestExactly_andKeepsTheExhaustiveTopTen() {
        int n = 20_000, exact = 2_000;
        float[][] sides = sides(n, 32, 3);
        int[] all = IntStream.range(0, n).toArray();
        double[] offsets = new double[n];
        Random r = new Random(4);
        for (int i = 0; i < n; i++) offsets[i] = 0.1 * r.nextGaussian();
        double overlap = 0;
        int users = 20;
        for (int u = 0; u < users; u++) {
            Params p = TestNetworks.randomParams(net, 100 + u);
            double[] fast = PreferenceNetworkGradientTest.perturbedFast(net, p);
            EncodedEntity user = TestNetworks.randomUser(r);
            double[] exhaustive = new double[n], twoStage = new double[n];
            net.scoreAll(p, fast, user, sides, all, offsets, exhaustive);
            boolean[] exactly = net.scoreAll(p, fast, user, sides, all, offsets, twoStage, exact);
            int same = 0;
            for (int i = 0; i < n; i++) {
                if (exactly[i]) assertEquals(exhaustive[i], twoStage[i], 0.0, "item " + i + " is said to be scored exactly");
                if (twoStage[i] == exhaustive[i]) same++;
            }
            assertTrue(same >= exact && same < n, "user " + u + ": " + same + " items scored exactly, " + exact + " asked");
            assertTrue(correlation(exhaustive, twoStage) > 0.5, "the estimates are on the scores' scale");
            Set<Integer> truth = new HashSet<>();
            for (int i : Vectors.largest(exhaustive, 10)) truth.add(i);
            for (int i : Vectors.largest(twoStage, 10)) if (truth.contains(i)) overlap += 0.1;
        }
        assertTrue(overlap / users >= 0.99, "top-10 overlap with exhaustive scoring " + overlap / users);
    }

    @Test
    void twoStage_isExhaustive_whenAllItemsAreAskedExactly_andRefusesZero() {
        int n = 500;
        float[][] sides = sides(n, 32, 5);
        int[] all = IntStream.range(0, n).toArray();
        Params p = TestNetworks.randomParams(net, 9);
        double[] fast = PreferenceNetworkGradientTest.perturbedFast(net, p);
        EncodedEntity user = TestNetworks.randomUser(new Random(2));
        double[] exhaustive = new double[n], twoStage = new double[n];
        net.scoreAll(p, fast, user, sides, all, null, exhaustive);
        assertNull(net.scoreAll(p, fast, user, sides, all, null, twoStage, n), "every score exact: no mask");
        assertArrayEquals(exhaustive, twoStage, 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> net.scoreAll(p, fast, user, sides, all, null, twoStage, 0));
        assertTrue(e.getMessage().contains("exact must be >= 1"), e.getMessage());
    }

    @Test
    void largest_returnsThePositionsOfTheLargestValues() {
        Random r = new Random(8);
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
        Integer[] byValue = IntStream.range(0, v.length).boxed().sorted((a, b) -> Double.compare(v[b], v[a])).toArray(Integer[]::new);
        int[] top = Vectors.largest(v, 25);
        Arrays.sort(top);
        int[] expected = Arrays.stream(byValue, 0, 25).mapToInt(Integer::intValue).sorted().toArray();
        assertArrayEquals(expected, top);
    }

    @Test
    void largest_keepsTheFirstOfTiedValues_andRanksNaNLast() {
        double[] v = {3, Double.NaN, 5, 3, 1, 3, 5, Double.NaN, 0};
        assertArrayEquals(new int[] {0, 2, 3, 6}, Vectors.largest(v, 4), "both 5s, then the first two of the three 3s");
        assertArrayEquals(new int[] {0, 2, 3, 4, 5, 6, 8}, Vectors.largest(v, 7), "every number before any NaN");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 8}, Vectors.largest(v, 8), "then the first NaN");
        assertArrayEquals(new int[0], Vectors.largest(v, 0));
        double[] same = new double[5000];
        Arrays.fill(same, 2.5);
        assertArrayEquals(IntStream.range(0, 1000).toArray(), Vectors.largest(same, 1000), "all tied: the first 1,000 positions");
    }

    private static double correlation(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0), my = Arrays.stream(y).average().orElse(0), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        assertEquals(x.length, y.length);
        return sxy / Math.sqrt(sxx * syy);
    }
}
