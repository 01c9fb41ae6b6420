package dev.metarec.rank;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class RankBlendTest {
    @Test
    void recentWeight_shouldDefaultTo2_andThePopularityAddTheRecentLikesWithIt() {
        assertEquals(2.0, RankBlend.RECENT_WEIGHT, "the default, unless the diagnostic property is set (NumberProperty refuses a bad one)");
        assertEquals(Math.log1p(3) + 2 * Math.log1p(1.5), RankBlend.popularity(3, 1.5), 1e-12);
        assertEquals(Math.log1p(3), RankBlend.popularity(3, Double.NaN), 0.0, "a non-finite recent count adds nothing");
    }

    private static final int ITEMS = 200;

    @Test
    void weightsFor_shouldPickTheFirstBucketThatHoldsTheSupport_andTheLastBeyond() {
        RankBlend b = new RankBlend(new int[]{1, 5}, new double[][]{{1, 0, 0, 0}, {0, 1, 0, 2}});
        assertArrayEquals(new double[]{1, 0, 0, 0, 0}, b.weightsFor(0));
        assertArrayEquals(new double[]{1, 0, 0, 0, 0}, b.weightsFor(1));
        assertArrayEquals(new double[]{0, 1, 0, 2, 0}, b.weightsFor(2));
        assertArrayEquals(new double[]{0, 1, 0, 2, 0}, b.weightsFor(500));
    }

    @Test
    void aBlendOfThreeWeights_isOneFromBeforeTheEncoder_andGivesItWeight0() {
        RankBlend old = new RankBlend(new int[]{1}, new double[][]{{0.25, 2, 0}});
        assertArrayEquals(new double[]{0.25, 2, 0, 0, 0}, old.weightsFor(1));
        assertEquals(new RankBlend(new int[]{1}, new double[][]{{0.25, 2, 0, 0}}), old);
        assertEquals(new RankBlend(new int[]{1}, new double[][]{{0.25, 2, 0, 0, 0}}), old, "and from before the forward neighbours: their weight 0");
    }

    @Test
    void anItemTheEncoderDoesNotKnow_standsAtTheSignalsMean() {
        RankBlend onlyEncoder = new RankBlend(new int[]{1}, new double[][]{{0, 0, 0, 1}});
        double[] flat = {1, 1, 1, 1};
        double[] o = onlyEncoder.order(1, new double[]{0, 0, 0, 0}, flat, flat, new double[]{1, Double.NaN, 3, 2}, null);
        assertEquals(-Math.sqrt(1.5), o[0], 1e-9, "z-scores over the known values 1, 3, 2");
        assertEquals(0.0, o[1], 1e-9, "the unknown item: the mean");
        assertTrue(o[2] > o[3] && o[3] > o[1] - 1e-9 && o[1] > o[0]);
        double[] none = onlyEncoder.order(1, new double[]{4, 3, 2, 1}, flat, flat, new double[]{Double.NaN, Double.NaN, Double.NaN, Double.NaN}, null);
        assertTrue(none[0] > none[1] && none[1] > none[2], "an encoder that knows nothing adds nothing; the network breaks the tie");
    }

    @Test
    void order_shouldAddStandardisedSignals_soScaleDoesNotMatter_andAConstantSignalNothing() {
        RankBlend b = new RankBlend(new int[]{1}, new double[][]{{1, 1, 1, 1}});
        double[] net = {1000, 2000, 3000};
        double[] pop = {3, 2, 1};
        double[] flat = {7, 7, 7};
        double[] o = b.order(1, net, pop, flat, flat, null);
        assertEquals(0.0, o[0], 1e-5, "net -1.22 + pop +1.22");
        assertEquals(0.0, o[1], 1e-5);
        assertEquals(0.0, o[2], 1e-5);
        assertTrue(o[2] > o[1] && o[1] > o[0], "what the weighted signals tie, the network orders: " + java.util.Arrays.toString(o));
        double[] noNetwork = new RankBlend(new int[]{1}, new double[][]{{0, 1, 1, 1}}).order(1, net, flat, flat, flat, null);
        assertTrue(noNetwork[2] > noNetwork[1] && noNetwork[1] > noNetwork[0], "with the network's weight 0 too: " + java.util.Arrays.toString(noNetwork));
        assertEquals(0.0, noNetwork[2], 1e-5);
        double[] onlyNet = new RankBlend(new int[]{1}, new double[][]{{2, 0, 0, 0}}).order(1, net, pop, flat, flat, null);
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
            cases.add(randomCase(r, 20, 3));  // at twenty, the encoder
        }
        RankBlend b = RankBlend.fit(cases, new int[]{1, 3, 10, 20});
        double[] one = b.weightsFor(1), ten = b.weightsFor(10), three = b.weightsFor(3), twenty = b.weightsFor(20);
        assertTrue(one[RankBlend.POPULARITY] > 0 && one[RankBlend.NEIGHBOURS] == 0 && one[RankBlend.NETWORK] == 0 && one[RankBlend.ENCODER] == 0,
                java.util.Arrays.toString(one));
        assertTrue(ten[RankBlend.NEIGHBOURS] > 0 && ten[RankBlend.POPULARITY] == 0 && ten[RankBlend.NETWORK] == 0 && ten[RankBlend.ENCODER] == 0,
                java.util.Arrays.toString(ten));
        assertTrue(twenty[RankBlend.ENCODER] > 0 && twenty[RankBlend.POPULARITY] == 0 && twenty[RankBlend.NEIGHBOURS] == 0, java.util.Arrays.toString(twenty));
        assertArrayEquals(one, three, "a bucket without cases takes its nearest neighbour's weights (ties: the smaller)");
    }

    @Test
    void likelihoodFit_shouldWeighTheInformativeSignalMost_perBucket() {
        List<RankBlend.Case> cases = popularAtOneEncoderAtTwenty(4);
        RankBlend b = RankBlend.fit(cases, new int[]{1, 20}, RankBlend.Fit.LIKELIHOOD);
        assertPopularityAtOneEncoderAtTwenty(b);
        assertTrue(b.recallByBucket(cases)[0] > 0.9 && b.recallByBucket(cases)[1] > 0.9, java.util.Arrays.toString(b.recallByBucket(cases)));
    }

    /** 40 users seen at 1 event, whose positives popularity finds, and at 20, whose positives the encoder finds. */
    private static List<RankBlend.Case> popularAtOneEncoderAtTwenty(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<RankBlend.Case> cases = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            cases.add(randomCase(r, 1, 1));
            cases.add(randomCase(r, 20, 3));
        }
        return cases;
    }

    /** At 1 event popularity weighs more than three times any other signal; at 20 the encoder does. */
    private static void assertPopularityAtOneEncoderAtTwenty(RankBlend b) {
        double[] one = b.weightsFor(1), twenty = b.weightsFor(20);
        for (int s = 0; s < RankBlend.SIGNALS; s++) {
            if (s != RankBlend.POPULARITY) assertTrue(one[RankBlend.POPULARITY] > 3 * one[s], java.util.Arrays.toString(one));
            if (s != RankBlend.ENCODER) assertTrue(twenty[RankBlend.ENCODER] > 3 * twenty[s], java.util.Arrays.toString(twenty));
        }
    }

    @Test
    void smoothFit_shouldFitTheEndBuckets_andPutTheOthersOnTheLineBetweenThem() {
        List<RankBlend.Case> cases = popularAtOneEncoderAtTwenty(6);
        int[] upTo = {1, 3, 5, 10, 20};
        RankBlend b = RankBlend.fit(cases, upTo, RankBlend.Fit.SMOOTH);
        assertPopularityAtOneEncoderAtTwenty(b);
        double[] one = b.weightsFor(1), twenty = b.weightsFor(20);
        for (int k : new int[]{3, 5, 10}) {
            double t = Math.log(k) / Math.log(20);
            double[] w = b.weightsFor(k);
            for (int s = 0; s < RankBlend.SIGNALS; s++)
                assertEquals((1 - t) * one[s] + t * twenty[s], w[s], 1e-9, "bucket " + k + ", signal " + s + ": " + java.util.Arrays.toString(w));
        }
        assertTrue(b.weightsFor(5)[RankBlend.ENCODER] > b.weightsFor(3)[RankBlend.ENCODER]
                && b.weightsFor(5)[RankBlend.POPULARITY] < b.weightsFor(3)[RankBlend.POPULARITY], "the encoder grows with the support, popularity fades");
        double[] recall = b.recallByBucket(cases);
        assertTrue(recall[0] > 0.9 && recall[4] > 0.9, java.util.Arrays.toString(recall));
        assertEquals(RankBlend.NETWORK_ONLY, RankBlend.fit(List.of(), upTo, RankBlend.Fit.SMOOTH));
    }

    @Test
    void smoothFit_shouldLendTheOtherBucketsCasesToABucketWithFew() {
        SplittableRandom r = new SplittableRandom(7);
        List<RankBlend.Case> cases = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            cases.add(randomCase(r, 1, 2));
            cases.add(randomCase(r, 20, 2));
        }
        for (int u = 0; u < 2; u++) cases.add(randomCase(r, 5, 1));   // two odd cases at five events
        int[] upTo = {1, 5, 20};
        double[] alone = RankBlend.fit(cases, upTo, RankBlend.Fit.LIKELIHOOD).weightsFor(5);
        double[] pooled = RankBlend.fit(cases, upTo, RankBlend.Fit.SMOOTH).weightsFor(5);
        assertTrue(alone[RankBlend.POPULARITY] > alone[RankBlend.NEIGHBOURS], "fitted on its two cases alone: " + java.util.Arrays.toString(alone));
        assertTrue(pooled[RankBlend.NEIGHBOURS] > 3 * pooled[RankBlend.POPULARITY], "with every bucket's cases: " + java.util.Arrays.toString(pooled));
    }

    @Test
    void orSingleSignal_shouldTakeASignalAloneOnlyWhereItRecallsMoreThanTheBlend() {
        List<RankBlend.Case> cases = popularAtOneEncoderAtTwenty(8);
        RankBlend blend = new RankBlend(new int[]{1, 20}, new double[][]{{1, 1, 1, 1}, {1, 1, 1, 1}});
        RankBlend picked = blend.orSingleSignal(new double[]{0.2, 1.0}, cases);
        assertArrayEquals(new double[]{0, 1, 0, 0, 0}, picked.weightsFor(1), "at 1 event popularity alone beats the blend's 0.2");
        assertArrayEquals(new double[]{1, 1, 1, 1, 0}, picked.weightsFor(20), "at 20 nothing alone beats a blend that recalls everything");
        assertArrayEquals(new double[]{0, 0, 0, 1, 0}, blend.orSingleSignal(new double[]{0.2, 0.2}, cases).weightsFor(20), "the encoder, the best alone at 20");
    }

    @Test
    void crossFitted_shouldJudgeEachHalfsFitOnTheOtherHalf() {
        SplittableRandom r = new SplittableRandom(5);
        List<RankBlend.Case> popular = new ArrayList<>(), neighbours = new ArrayList<>(), morePopular = new ArrayList<>();
        for (int u = 0; u < 30; u++) {
            popular.add(randomCase(r, 1, 1));
            morePopular.add(randomCase(r, 1, 1));
            neighbours.add(randomCase(r, 1, 2));
        }
        int[] upTo = {1};
        double same = RankBlend.crossFitted(popular, morePopular, upTo, RankBlend.Fit.GRID)[0];
        double ownFit = RankBlend.fit(popular, upTo).recallByBucket(popular)[0];
        double differ = RankBlend.crossFitted(popular, neighbours, upTo, RankBlend.Fit.GRID)[0];
        assertTrue(same > 0.5, "halves that agree: each half's fit finds the other's positives, " + same);
        assertTrue(differ < 0.2, "halves that disagree: each half's fit misses the other's positives, " + differ);
        assertTrue(RankBlend.fit(neighbours, upTo).recallByBucket(neighbours)[0] > 0.5 && ownFit > 0.5, "while each fits itself well");
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
        assertThrows(IllegalArgumentException.class, () -> new RankBlend(new int[]{1}, new double[][]{{1, 1}}));
        assertThrows(IllegalArgumentException.class, () -> new RankBlend(new int[]{1}, new double[][]{{1, 1, 0, 0, 0, 0}}));
    }

    /** Noise in every signal; the positives are the top 10 of signal {@code informative} (noise added). */
    private static RankBlend.Case randomCase(SplittableRandom r, int k, int informative) {
        double[][] s = new double[4][ITEMS];
        for (double[] x : s) for (int i = 0; i < ITEMS; i++) x[i] = r.nextDouble();
        boolean[] positive = new boolean[ITEMS];
        Integer[] order = new Integer[ITEMS];
        for (int i = 0; i < ITEMS; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(s[informative][b], s[informative][a]));
        for (int i = 0; i < 10; i++) positive[order[i]] = true;
        return new RankBlend.Case(k, s[0], s[1], s[2], s[3], positive);
    }

    @Test
    void forwardNeighbours_shouldBeWeighedWhenTheyFindThePositives_andLeaveTheFitAsBeforeWhenAbsent() {
        SplittableRandom r = new SplittableRandom(11);
        List<RankBlend.Case> withForward = new ArrayList<>(), without = new ArrayList<>();
        for (int u = 0; u < 30; u++) {
            RankBlend.Case c = randomCase(r, 5, 1);
            double[] forward = new double[ITEMS];
            for (int i = 0; i < ITEMS; i++) forward[i] = (c.positive()[i] ? 1.0 : 0.0) + r.nextDouble();   // finds the positives, noisily
            withForward.add(new RankBlend.Case(5, c.network(), c.popularity(), c.neighbours(), c.encoder(), forward, c.positive()));
            without.add(c);
        }
        double[] w = RankBlend.fit(withForward, new int[]{5}, RankBlend.Fit.LIKELIHOOD).weightsFor(5);
        assertTrue(w[RankBlend.FORWARD] > 5 * Math.max(w[RankBlend.NETWORK], Math.max(w[RankBlend.NEIGHBOURS], w[RankBlend.ENCODER])),
                "the forward neighbours find the positives, the network, neighbours and encoder do not: " + java.util.Arrays.toString(w));
        double[] order = RankBlend.fit(withForward, new int[]{5}, RankBlend.Fit.LIKELIHOOD)
                .order(5, withForward.get(0).network(), withForward.get(0).popularity(), withForward.get(0).neighbours(), withForward.get(0).encoder(), null);
        assertEquals(ITEMS, order.length, "a checkpoint without forward neighbours serves the other signals");
        for (RankBlend.Fit fit : RankBlend.Fit.values())
            assertEquals(0.0, RankBlend.fit(without, new int[]{5}, fit).weightsFor(5)[RankBlend.FORWARD], fit + ": no forward neighbours, no weight");
    }

    @Test
    void logShiftedNeighboursAreALogAboveAFloorSetByTheUsersLargestScore() {
        double[] y = RankBlend.logShifted(new double[]{0, 1, 4, Double.NaN}, 0.01);
        assertEquals(Math.log(0.04), y[0], 1e-12, "an item near none of the user's events sits at log(ε·max)");
        assertEquals(Math.log(1.04), y[1], 1e-12);
        assertEquals(Math.log(4.04), y[2], 1e-12);
        assertTrue(Double.isNaN(y[3]), "an unknown score stays unknown");
        double[] none = {0, 0, 0};
        assertSame(none, RankBlend.logShifted(none, 0.01), "no neighbours at all: nothing to take the log of");
        assertEquals(0.0, RankBlend.NEIGHBOUR_LOG, "off by default: the served blend reads the scores as they are");
    }

    @Test
    void logSigmoidGateSaturatesForLikedItemsAndPenalisesDislikedOnesLinearly() {
        double[] y = RankBlend.logSigmoid(new double[]{5.0, 4.5, 3.5, 2.0, 1.0, Double.NaN, 1e6, -1e6}, 3.5, 0.5);
        assertEquals(Math.log(1 / (1 + Math.exp(-3))), y[0], 1e-12);
        assertEquals(Math.log(0.5), y[2], 1e-12);
        assertTrue(y[0] > y[1] && y[1] > y[2] && y[2] > y[3] && y[3] > y[4], "monotone in the predicted rating");
        assertTrue(y[0] - y[1] < 0.1 && y[3] - y[4] > 1.5, "a 5 and a 4.5 are both liked: nearly equal; a 2 and a 1 are far apart");
        assertEquals(-5 - Math.log1p(Math.exp(-5)), y[4], 1e-12);
        assertTrue(Double.isNaN(y[5]), "an unknown score stays unknown");
        assertEquals(0.0, y[6], 1e-12, "no overflow for a huge score");
        assertEquals(-2_000_007.0, y[7], 1e-6, "linear far below the centre, and finite");
        assertThrows(IllegalArgumentException.class, () -> RankBlend.gate("3.5"));
        assertThrows(IllegalArgumentException.class, () -> RankBlend.gate("3.5,0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RankBlend.gate("high,0.5")).getMessage().contains("metarec.rankfit.network-gate"),
                "a non-numeric value names the property");
        assertArrayEquals(new double[]{3.5, 0.5}, RankBlend.gate("3.5, 0.5"));
        assertNull(RankBlend.gate(""));
    }
}
