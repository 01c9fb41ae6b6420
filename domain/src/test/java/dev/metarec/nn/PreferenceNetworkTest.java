package dev.metarec.nn;

import dev.metarec.features.EncodedEntity;
import dev.metarec.meta.Batch;
import dev.metarec.meta.Example;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreferenceNetworkTest {
    private final PreferenceNetwork net = TestNetworks.decisionLayersAdapted(Objective.SQUARED_ERROR);

    @Test
    void initialise_sameSeed_givesBitIdenticalParams_andDifferentSeedDiffers() {
        assertEquals(net.initialise(7), net.initialise(7));
        assertNotEquals(net.initialise(7), net.initialise(8));
    }

    @Test
    void initialise_namesGroupsAsModelConfigDocuments_andFillsInnerRates() {
        Params p = net.initialise(1);
        List<String> names = p.layout().groups().stream().map(ParamGroup::name).toList();
        assertEquals(List.of("emb.user.gender", "emb.user.langs", "emb.item.rating", "emb.item.genres", "emb.userId", "emb.itemId",
                "user.offset", "user.bias", "mlp.0.W", "mlp.0.b", "mlp.1.W", "mlp.1.b", "out.W", "out.b", "meta.innerLr"), names);
        assertArrayEquals(new double[ModelConfig.MELU_ADAPTED.size()], zeroedCopy(p.groupValues("meta.innerLr"), 0.01));
        assertEquals(18, p.layout().group("mlp.0.W").rows(), "input width: (2 features + ID) x 3 dims per side");
    }

    private static double[] zeroedCopy(double[] v, double expected) {
        double[] d = v.clone();
        for (int i = 0; i < d.length; i++) d[i] -= expected;
        return d;
    }

    @Test
    void initialise_hiddenWeightsFollowHeScale() {
        PreferenceNetwork wide = new PreferenceNetwork(TestNetworks.config(Objective.SQUARED_ERROR, List.of(200, 3), ModelConfig.MELU_ADAPTED),
                TestNetworks.USER_ROWS, TestNetworks.ITEM_ROWS, 3, 6);
        double[] w = wide.initialise(3).groupValues("mlp.1.W");
        double var = 0;
        for (double x : w) var += x * x;
        var /= w.length;
        assertEquals(2.0 / 200, var, 0.25 * 2.0 / 200, "He init: variance 2 / fan-in");
    }

    @Test
    void idRowMinusOne_fallsBackToTheZeroVector_andTrainsNoIdRow() {
        Params p = TestNetworks.randomParams(net, 5);
        Random r = new Random(1);
        EncodedEntity user = TestNetworks.randomUser(r);
        EncodedEntity item = new EncodedEntity(TestNetworks.randomItem(r).slots(), 2);
        double[] v = p.toArray();
        ParamGroup ids = net.layout().group("emb.itemId");
        for (int c = 0; c < ids.cols(); c++) v[ids.index(2, c)] = 0;
        Params zeroRow = new Params(net.layout(), v);
        double[] fast = net.fastLayout().gather(p);
        EncodedEntity noId = new EncodedEntity(item.slots(), -1);

        assertEquals(net.score(zeroRow, fast, user, item, 0.3), net.score(p, fast, user, noId, 0.3), 1e-12);
        assertNotEquals(net.score(p, fast, user, item, 0.3), net.score(p, fast, user, noId, 0.3));

        Gradient slow = new Gradient(net.layout());
        net.lossAndGradient(p, fast, new Batch(user, List.of(Example.of(noId, 4.0))), null, slow, 1.0);
        for (int i = ids.offset(); i < ids.end(); i++) assertEquals(0.0, slow.get(i), "no ID row trained for an item without ID");
    }

    /** scoreAll runs in single precision (CatalogueScorer); a wrong kernel is off by far more than this. */
    static final double FLOAT_TOLERANCE = 2e-6;

    @Test
    void scoreAll_equalsScorePerItem_withOffsets() {
        for (PreferenceNetwork n : List.of(net, TestNetworks.mixedAdapted(Objective.LOGISTIC), TestNetworks.linear(Objective.SQUARED_ERROR)))
            scoreAllEqualsScore(n);
    }

    private static void scoreAllEqualsScore(PreferenceNetwork net) {
        Params p = TestNetworks.randomParams(net, 6);
        double[] fast = PreferenceNetworkGradientTest.perturbedFast(net, p);
        Random r = new Random(2);
        EncodedEntity user = TestNetworks.randomUser(r);
        List<EncodedEntity> items = new ArrayList<>();
        double[] offsets = new double[40];
        for (int i = 0; i < offsets.length; i++) { items.add(TestNetworks.randomItem(r)); offsets[i] = r.nextGaussian(); }
        double[] out = new double[items.size()];
        net.scoreAll(p, fast, user, items, offsets, out);
        for (int i = 0; i < out.length; i++) assertEquals(net.score(p, fast, user, items.get(i), offsets[i]), out[i], FLOAT_TOLERANCE, "item " + i);
        double[] packed = new double[items.size()];
        net.scoreAll(p, fast, user, dev.metarec.features.EncodedCatalogue.of(items), offsets, packed);
        assertArrayEquals(out, packed, 0.0, "a packed catalogue scores like the list");
        double[] noOffsets = new double[items.size()];
        net.scoreAll(p, fast, user, items, null, noOffsets);
        assertEquals(out[3] - offsets[3], noOffsets[3], 1e-12, "the offset is added in double");
    }

    @Test
    void scoreAll_overALargeCatalogue_equalsScorePerItem() {
        // Enough distinct table rows that the scorer's per-row cache has to grow several times.
        PreferenceNetwork big = new PreferenceNetwork(TestNetworks.config(Objective.SQUARED_ERROR, List.of(8, 5), ModelConfig.MELU_ADAPTED),
                TestNetworks.USER_ROWS, new int[] {300, 500}, TestNetworks.USER_IDS, 400);
        Params p = TestNetworks.randomParams(big, 10);
        double[] fast = big.fastLayout().gather(p);
        Random r = new Random(5);
        EncodedEntity user = TestNetworks.randomUser(r);
        List<EncodedEntity> items = new ArrayList<>();
        for (int i = 0; i < 600; i++) items.add(TestNetworks.randomEntity(r, new int[] {300, 500}, 400));
        double[] out = new double[items.size()];
        big.scoreAll(p, fast, user, items, null, out);
        for (int i = 0; i < out.length; i++) assertEquals(big.score(p, fast, user, items.get(i), 0), out[i], FLOAT_TOLERANCE, "item " + i);
        double[] packed = new double[items.size()];
        big.scoreAll(p, fast, user, dev.metarec.features.EncodedCatalogue.of(items), null, packed);
        assertArrayEquals(out, packed, 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> net.scoreAll(p, net.fastLayout().gather(p), user,
                dev.metarec.features.EncodedCatalogue.of(items), null, new double[items.size()]));
        assertTrue(e.getMessage().contains("outside the table's 5 rows"), e.getMessage());
    }

    @Test
    void scoreAll_fromItemSides_equalsScorePerItem_forANetworkWhoseFirstLayerIsShared() {
        for (PreferenceNetwork n : List.of(TestNetworks.firstLayerShared(Objective.SQUARED_ERROR), TestNetworks.mixedAdapted(Objective.LOGISTIC),
                TestNetworks.firstLayerShared(Objective.BPR))) {
            assertTrue(n.sharesItemSide());
            Params p = TestNetworks.randomParams(n, 11);
            double[] fast = PreferenceNetworkGradientTest.perturbedFast(n, p);   // adapted weights differ from the meta-parameters
            Random r = new Random(6);
            EncodedEntity user = TestNetworks.randomUser(r);
            List<EncodedEntity> items = new ArrayList<>();
            for (int i = 0; i < 30; i++) items.add(TestNetworks.randomItem(r));
            float[][] sides = n.itemSides(p, items);
            int[] which = {29, 0, 7, 7, 12};
            double[] offsets = {0.5, -1, 0, 2, 0.25};
            double[] out = new double[which.length];
            n.scoreAll(p, fast, user, sides, which, offsets, out);
            for (int i = 0; i < which.length; i++)
                assertEquals(n.score(p, fast, user, items.get(which[i]), offsets[i]), out[i], FLOAT_TOLERANCE, "item " + which[i]);
            // the sides hold the items' share only: another user's scores come from the same sides
            EncodedEntity other = TestNetworks.randomUser(r);
            n.scoreAll(p, fast, other, sides, which, null, out);
            assertEquals(n.score(p, fast, other, items.get(29), 0), out[0], FLOAT_TOLERANCE);
        }
    }

    @Test
    void itemSides_areRefused_whenTheFirstLayerAdaptsPerUser() {
        assertFalse(net.sharesItemSide());
        assertFalse(TestNetworks.linear(Objective.SQUARED_ERROR).sharesItemSide(), "a linear model's first layer is out.W, which adapts there");
        Params p = TestNetworks.randomParams(net, 12);
        var e = assertThrows(IllegalStateException.class, () -> net.itemSides(p, List.of(TestNetworks.randomItem(new Random(1)))));
        assertTrue(e.getMessage().contains("mlp.0.W adapts per user"), e.getMessage());
    }

    @Test
    void score_isTheLossMinimiserUnderSquaredError() {
        // The loss of a one-example batch is (score - target)^2, so it is 0 exactly when target = score.
        Params p = TestNetworks.randomParams(net, 7);
        double[] fast = net.fastLayout().gather(p);
        Random r = new Random(3);
        EncodedEntity user = TestNetworks.randomUser(r), item = TestNetworks.randomItem(r);
        double s = net.score(p, fast, user, item, 0.25);
        assertEquals(0.0, net.loss(p, fast, new Batch(user, List.of(new Example(item, s, 1, 0.25, null)))), 1e-20);
        assertEquals(1.0, net.loss(p, fast, new Batch(user, List.of(new Example(item, s + 1, 3, 0.25, null)))), 1e-12);
    }

    @Test
    void itemSlotContributions_areScoreDropsWhenASlotIsOccluded() {
        Params p = TestNetworks.randomParams(net, 8);
        double[] fast = net.fastLayout().gather(p);
        Random r = new Random(4);
        EncodedEntity user = TestNetworks.randomUser(r);
        EncodedEntity item = new EncodedEntity(new int[][] {{3}, {1, 4}}, 2);
        double[] c = net.itemSlotContributions(p, fast, user, item);
        double base = net.score(p, fast, user, item, 0);
        assertEquals(3, c.length, "two features and the ID slot");
        assertEquals(base - net.score(p, fast, user, new EncodedEntity(new int[][] {{0}, {1, 4}}, 2), 0), c[0], 1e-12);
        assertEquals(base - net.score(p, fast, user, new EncodedEntity(new int[][] {{3}, {0}}, 2), 0), c[1], 1e-12);
        assertEquals(base - net.score(p, fast, user, new EncodedEntity(new int[][] {{3}, {1, 4}}, -1), 0), c[2], 1e-12);
    }

    @Test
    void emptyOrWeightlessBatch_hasZeroLossAndGradient() {
        Params p = TestNetworks.randomParams(net, 9);
        double[] fast = net.fastLayout().gather(p);
        Random r = new Random(1);
        EncodedEntity user = TestNetworks.randomUser(r);
        List<Example> weightless = List.of(new Example(TestNetworks.randomItem(r), 4, 0, 0, null),
                new Example(TestNetworks.randomItem(r), 1, 0, 0.5, null), new Example(TestNetworks.randomItem(r), 5, 0, 0, null));
        for (Batch batch : List.of(new Batch(user, List.of()), new Batch(user, weightless))) {
            double[] grad = new double[fast.length];
            java.util.Arrays.fill(grad, 5);
            Gradient slow = new Gradient(net.layout());
            assertEquals(0.0, net.lossAndGradient(p, fast, batch, grad, slow, 1), batch.size() + " examples");
            assertArrayEquals(new double[fast.length], grad, batch.size() + " examples");
            for (int i = 0; i < p.size(); i++) assertEquals(0.0, slow.get(i), 0.0, "slow gradient [" + i + "]");
            assertEquals(0.0, net.loss(p, fast, batch));
        }
    }

    @Test
    void zeroWeightExamples_changeNeitherLossNorGradient() {
        Params p = TestNetworks.randomParams(net, 10);
        double[] fast = net.fastLayout().gather(p);
        Random r = new Random(2);
        EncodedEntity user = TestNetworks.randomUser(r);
        Example kept = Example.of(TestNetworks.randomItem(r), 4);
        Batch alone = new Batch(user, List.of(kept));
        Batch withWeightless = new Batch(user, List.of(new Example(TestNetworks.randomItem(r), 0, 0, 0, null), kept,
                new Example(TestNetworks.randomItem(r), 5, 0, 3, null)));
        double[] gAlone = new double[fast.length], gWith = new double[fast.length];
        double loss = net.lossAndGradient(p, fast, alone, gAlone, null, 1);
        assertTrue(loss > 0, "a non-trivial loss: " + loss);
        assertEquals(loss, net.lossAndGradient(p, fast, withWeightless, gWith, null, 1), 0.0);
        assertArrayEquals(gAlone, gWith, 0.0);
    }

    @Test
    void badInput_isRejectedNamingFieldAndLimit() {
        Params p = net.initialise(1);
        double[] fast = net.fastLayout().gather(p);
        EncodedEntity user = TestNetworks.randomUser(new Random(1));
        var e1 = assertThrows(IllegalArgumentException.class,
                () -> net.score(p, fast, user, new EncodedEntity(new int[][] {{9}, {1}}, -1), 0));
        assertTrue(e1.getMessage().contains("row 9") && e1.getMessage().contains("5 rows"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> net.score(p, fast, user, new EncodedEntity(new int[][] {{1}}, -1), 0));
        assertTrue(e2.getMessage().contains("1 slots") && e2.getMessage().contains("2 features"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> net.loss(p, new double[3], new Batch(user, List.of())));
        assertTrue(e3.getMessage().contains("length 3") && e3.getMessage().contains(String.valueOf(fast.length)), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> new PreferenceNetwork(net.config(), new int[] {4}, TestNetworks.ITEM_ROWS, 3, 6));
        assertTrue(e4.getMessage().contains("userTableRows has 1 entries but there are 2 features"), e4.getMessage());
        PreferenceNetwork bpr = TestNetworks.decisionLayersAdapted(Objective.BPR);
        EncodedEntity item = TestNetworks.randomItem(new Random(2));
        var e5 = assertThrows(IllegalArgumentException.class,
                () -> bpr.loss(p, fast, new Batch(user, List.of(Example.of(item, 1)))));
        assertTrue(e5.getMessage().contains("negative"), e5.getMessage());
        PreferenceNetwork logistic = TestNetworks.decisionLayersAdapted(Objective.LOGISTIC);
        var e6 = assertThrows(IllegalArgumentException.class, () -> logistic.loss(p, fast, new Batch(user, List.of(Example.of(item, 3)))));
        assertTrue(e6.getMessage().contains("[0, 1]"), e6.getMessage());
    }

    @Test
    void logisticPrediction_isAProbability() {
        PreferenceNetwork logistic = TestNetworks.decisionLayersAdapted(Objective.LOGISTIC);
        assertEquals(0.5, logistic.prediction(0), 0);
        assertEquals(1.0, logistic.prediction(800), 0);
        assertEquals(0.0, logistic.prediction(-800), 1e-300);
        assertEquals(3.5, net.prediction(3.5), 0);
    }
}
