package dev.metarec.nn;

import dev.metarec.features.EncodedCatalogue;
import dev.metarec.features.EncodedEntity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The catalogue scorer under every projection plan (each slot cached, pooled, or a mix), for catalogues of
 * 1 to 549 items, list and packed: every score equals the per-item forward pass up to single-precision
 * rounding.
 */
class CatalogueScorerTest {
    private static final int[] ITEM_ROWS = {9, 40, 300};

    @Test
    void everyPlan_shouldScoreLikeThePerItemForwardPass_acrossBlocks() {
        record Net(List<Integer> hidden, List<String> adapted) {}
        for (Net n : List.of(new Net(List.of(8, 5), ModelConfig.MELU_ADAPTED), new Net(List.of(8, 5), List.of("user.offset", "mlp.1.W", "out.b", "user.bias")),
                new Net(List.of(6, 3, 4), List.of("mlp.2.W", "mlp.0.b", "user.bias")), new Net(List.of(), List.of("out.W", "user.offset"))))
            for (int items : new int[] {1, 255, 549})
                check(n.adapted(), n.hidden(), items);
    }

    private static void check(List<String> adapted, List<Integer> hidden, int count) {
        ModelConfig config = new ModelConfig(TestNetworks.config(Objective.SQUARED_ERROR, hidden, adapted).userFeatures(),
                List.of(dev.metarec.features.FeatureSpec.categorical("a"), dev.metarec.features.FeatureSpec.multi("b"), dev.metarec.features.FeatureSpec.multi("c")),
                5, hidden, Objective.SQUARED_ERROR, adapted, true, true, 0.01);   // dim 5: four columns at a time, then one
        PreferenceNetwork net = new PreferenceNetwork(config, TestNetworks.USER_ROWS, ITEM_ROWS, TestNetworks.USER_IDS, 50);
        NetworkShape shape = new NetworkShape(config, TestNetworks.USER_ROWS, ITEM_ROWS, TestNetworks.USER_IDS, 50);
        Params p = TestNetworks.randomParams(net, 3);
        double[] fast = PreferenceNetworkGradientTest.perturbedFast(net, p);
        Random r = new Random(count);
        EncodedEntity user = TestNetworks.randomEntity(r, TestNetworks.USER_ROWS, TestNetworks.USER_IDS);
        List<EncodedEntity> items = new ArrayList<>();
        double[] offsets = new double[count];
        for (int i = 0; i < count; i++) {
            items.add(TestNetworks.randomEntity(r, ITEM_ROWS, 50));
            offsets[i] = r.nextGaussian();
        }
        for (boolean[] plan : new boolean[][] {{true, true, true}, {false, false, false}, {true, false, true}, {false, true, false}}) {
            Weights w = Weights.of(shape, net.fastLayout(), p, fast);
            double[] fromList = new double[count], fromPacked = new double[count], noOffsets = new double[count];
            CatalogueScorer scorer = new CatalogueScorer(shape, w, new UserSide(shape, w, user), plan);
            EncodedCatalogue packed = EncodedCatalogue.of(items);
            for (int i = 0; i < count; i++) {   // a scorer's scratch and projection cache are reused across items
                fromList[i] = scorer.score(items.get(i)) + offsets[i];
                fromPacked[i] = scorer.score(packed, i) + offsets[i];
                noOffsets[i] = scorer.score(items.get(i));
            }
            String what = "plan " + java.util.Arrays.toString(plan) + ", hidden " + hidden + ", adapted " + adapted + ", " + count + " items, item ";
            for (int i = 0; i < count; i++) {
                double expected = net.score(p, fast, user, items.get(i), offsets[i]);
                double tolerance = PreferenceNetworkTest.FLOAT_TOLERANCE * Math.max(1, Math.abs(expected));
                assertEquals(expected, fromList[i], tolerance, what + i);
                assertEquals(expected, fromPacked[i], tolerance, what + i + " (packed)");
                assertEquals(expected - offsets[i], noOffsets[i], tolerance, what + i + " (no offsets)");
            }
        }
    }
}
