package dev.metarec.rank;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class RankBlendTest {
    private static final int ITEMS = 200;

    @Test
    void weightsFor_shouldPickTheFirstBucketThatHoldsTheSupport_andTheLastBeyond() {
        RankBlend b = new RankBlend(new int[]{1, 5}, new double[][]{{1, 0, 0}, {0, 1, 0}});
        assertArrayEquals(new double[]{1, 0, 0}, b.weightsFor(0));
        assertArrayEquals(new double[]{1, 0, 0}, b.weightsFor(1));
        assertArrayEquals(new double[]{0, 1, 0}, b.weightsFor(2));
        assertArrayEquals(new double[]{0, 1, 0}, b.weightsFor(500));
    }

    @Test
    void order_shouldAddStandardisedSignals_soScaleDoesNotMatter_andAConstantSignalNothing() {
        RankBlend b = new RankBlend(new int[]{1}, new double[][]{{1, 1, 1}});
        double[] net = {1000, 2000, 3000};
        double[] pop = {3, 2, 1};
        double[] flat = {7, 7, 7};
        double[] o = b.order(1, net, pop, flat);
        assertEquals(0.0, o[0], 1e-5, "net -1.22 + pop +1.22");
        assertEquals(0.0, o[1], 1e-5);
        assertEquals(0.0, o[2], 1e-5);
        assertTrue(o[2] > o[1] && o[1] > o[0], "what the weighted signals tie, the network orders: " + java.util.Arrays.toString(o));
        double[] noNetwork = new RankBlend(new int[]{1}, new double[][]{{0, 1, 1}}).order(1, net, flat, flat);
        assertTrue(noNetwork[2] > noNetwork[1] && noNetwork[1] > noNetwork[0], "with the network's weight 0 too: " + java.util.Arrays.toString(noNetwork));
        assertEquals(0.0, noNetwork[2], 1e-5);
        double[] onlyNet = new RankBlend(new int[]{1}, new double[][]{{2, 0, 0}}).order(1, net, pop, flat);
        assertTrue(onlyNet[2] > onlyNet[1] && onlyNet[1] > onlyNet[0]);
        assertEquals((2 + RankBlend.TIE_BREAK) * Math.sqrt(1.5), onlyNet[2], 1e-12, "(2 + the tie-break) x z-score of the largest of three evenly spaced values");
    }

    @Test
    void fit_shouldWeighTheSignalThatFindsThePositives_perBucket() {
        SplittableRandom r = new SplittableRandom(3);
        List<RankBlend.Case> cases = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            cases.add(randomCase(r, 1, 1));   // at one event the positives are the popular items
            cases.add(randomCase(r, 10, 2));  // at ten, the support's neighbours
        }
        RankBlend b = RankBlend.fit(cases, new int[]{1, 3, 10});
        double[] one = b.weightsFor(1), ten = b.weightsFor(10), three = b.weightsFor(3);
        assertTrue(one[RankBlend.POPULARITY] > 0 && one[RankBlend.NEIGHBOURS] == 0 && one[RankBlend.NETWORK] == 0, java.util.Arrays.toString(one));
        assertTrue(ten[RankBlend.NEIGHBOURS] > 0 && ten[RankBlend.POPULARITY] == 0 && ten[RankBlend.NETWORK] == 0, java.util.Arrays.toString(ten));
        assertArrayEquals(one, three, "a bucket without cases takes its nearest neighbour's weights (ties: the smaller)");
    }

    @Test
    void fit_withoutCases_shouldRankByTheNetworkAlone() {
        assertEquals(RankBlend.NETWORK_ONLY, RankBlend.fit(List.of(), RankBlend.SHOTS));
    }

    @Test
    void invalidBlends_shouldBeRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RankBlend(new int[]{3, 1}, new double[][]{{1, 0, 0}, {1, 0, 0}}));
        assertThrows(IllegalArgumentException.class, () -> new RankBlend(new int[]{1}, new double[][]{{0, 0, 0}}));
        assertThrows(IllegalArgumentException.class, () -> new RankBlend(new int[]{1}, new double[][]{{-1, 1, 0}}));
        assertThrows(IllegalArgumentException.class, () -> new RankBlend(new int[]{1}, new double[][]{{Double.NaN, 1, 0}}));
    }

    /** Noise in every signal; the positives are the top 10 of signal {@code informative} (noise added). */
    private static RankBlend.Case randomCase(SplittableRandom r, int k, int informative) {
        double[][] s = new double[3][ITEMS];
        for (double[] x : s) for (int i = 0; i < ITEMS; i++) x[i] = r.nextDouble();
        boolean[] positive = new boolean[ITEMS];
        Integer[] order = new Integer[ITEMS];
        for (int i = 0; i < ITEMS; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(s[informative][b], s[informative][a]));
        for (int i = 0; i < 10; i++) positive[order[i]] = true;
        return new RankBlend.Case(k, s[0], s[1], s[2], positive);
    }
}
