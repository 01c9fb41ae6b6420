package dev.metarec.nn;

import dev.metarec.features.EncodedEntity;
import dev.metarec.features.FeatureSpec;
import dev.metarec.meta.Batch;
import dev.metarec.meta.Example;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small networks and random batches for gradient checks: two user features and two item features
 * (one categorical, one multi-valued each), ID embeddings on both sides, tiny widths.
 */
public final class TestNetworks {
    public static final int[] USER_ROWS = {4, 6};
    public static final int[] ITEM_ROWS = {5, 7};
    public static final int USER_IDS = 3;
    public static final int ITEM_IDS = 6;

    private TestNetworks() {}

    public static ModelConfig config(Objective objective, List<Integer> hidden, List<String> adapted) {
        return new ModelConfig(
                List.of(FeatureSpec.categorical("gender"), FeatureSpec.multi("langs")),
                List.of(FeatureSpec.categorical("rating"), FeatureSpec.multi("genres")),
                3, hidden, objective, adapted, true, true, 0.01);
    }

    /** MeLU-style adaptation: decision layers and user bias. */
    public static PreferenceNetwork decisionLayersAdapted(Objective objective) {
        return new PreferenceNetwork(config(objective, List.of(8, 5), ModelConfig.MELU_ADAPTED), USER_ROWS, ITEM_ROWS, USER_IDS, ITEM_IDS);
    }

    /** The user offset and some layers adapt, others stay slow, so both routes are exercised. */
    public static PreferenceNetwork mixedAdapted(Objective objective) {
        return new PreferenceNetwork(config(objective, List.of(8, 5), List.of("user.offset", "mlp.1.W", "out.b", "user.bias")),
                USER_ROWS, ITEM_ROWS, USER_IDS, ITEM_IDS);
    }

    /** What metarec designs: everything after the first layer, its bias and the user bias adapt; W0 stays meta-learned. */
    public static PreferenceNetwork firstLayerShared(Objective objective) {
        return new PreferenceNetwork(config(objective, List.of(8, 5), List.of("mlp.0.b", "mlp.1.W", "mlp.1.b", "out.W", "out.b", "user.bias")),
                USER_ROWS, ITEM_ROWS, USER_IDS, ITEM_IDS);
    }

    /** No hidden layer: a linear model over the embeddings. */
    public static PreferenceNetwork linear(Objective objective) {
        return new PreferenceNetwork(config(objective, List.of(), List.of("out.W", "user.offset")), USER_ROWS, ITEM_ROWS, USER_IDS, ITEM_IDS);
    }

    /** Meta-parameters with every group (biases and offsets too) random, so no gradient is trivially zero. */
    public static Params randomParams(PreferenceNetwork net, long seed) {
        Random r = new Random(seed);
        double[] v = net.initialise(seed).toArray();
        for (int i = 0; i < v.length; i++) v[i] += 0.3 * r.nextGaussian();
        return new Params(net.layout(), v);
    }

    public static EncodedEntity randomEntity(Random r, int[] tableRows, int idRows) {
        int[][] slots = new int[tableRows.length][];
        for (int f = 0; f < tableRows.length; f++) {
            int n = f == 0 ? 1 : 1 + r.nextInt(3);
            slots[f] = new int[n];
            for (int k = 0; k < n; k++) slots[f][k] = r.nextInt(tableRows[f]);
        }
        return new EncodedEntity(slots, r.nextInt(idRows + 1) - 1);
    }

    public static EncodedEntity randomUser(Random r) { return randomEntity(r, USER_ROWS, USER_IDS); }

    public static EncodedEntity randomItem(Random r) { return randomEntity(r, ITEM_ROWS, ITEM_IDS); }

    /** A batch with varied weights (one zero), offsets, targets suited to the objective and BPR negatives. */
    public static Batch randomBatch(Objective objective, long seed, int size) {
        Random r = new Random(seed);
        EncodedEntity user = new EncodedEntity(randomUser(r).slots(), 1);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            double target = switch (objective) {
                case SQUARED_ERROR -> 1 + 4 * r.nextDouble();
                case LOGISTIC -> r.nextInt(2);
                case BPR -> 1;
            };
            double weight = i == 2 ? 0.0 : 0.2 + r.nextDouble();
            EncodedEntity negative = objective == Objective.BPR ? randomItem(r) : null;
            examples.add(new Example(randomItem(r), target, weight, 0.5 * r.nextGaussian(), negative));
        }
        return new Batch(user, examples);
    }
}
