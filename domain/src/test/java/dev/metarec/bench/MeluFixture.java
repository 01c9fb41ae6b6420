package dev.metarec.bench;

import dev.metarec.features.EncodedEntity;
import dev.metarec.features.FeatureSpec;
import dev.metarec.meta.Batch;
import dev.metarec.meta.Example;
import dev.metarec.meta.Task;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;
import dev.metarec.nn.PreferenceNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The MeLU-size model on MovieLens-1M-like vocabularies (Lee et al., KDD 2019): users gender, age,
 * occupation, zip code; items rate, genre (multi), director, actor (multi); embedding 32, MLP 256 -> 64
 * -> 64 -> 1, decision layers adapted. Random users, items and ratings: speed does not depend on values.
 */
final class MeluFixture {
    static final int[] USER_ROWS = {3, 8, 22, 3403};
    static final int[] ITEM_ROWS = {7, 26, 2187, 8031};

    private MeluFixture() {}

    /** What metarec's designed models adapt (ModelDesign): b0, the layers after the first, the user bias; W0 is shared. */
    static final List<String> SERVED_ADAPTED = List.of("mlp.0.b", "mlp.1.W", "mlp.1.b", "out.W", "out.b", "user.bias");

    static PreferenceNetwork network() { return network(ModelConfig.MELU_ADAPTED); }

    /** The MeLU-size network adapting {@code adapted}. */
    static PreferenceNetwork network(List<String> adapted) {
        ModelConfig config = new ModelConfig(
                List.of(FeatureSpec.categorical("gender"), FeatureSpec.categorical("age"), FeatureSpec.categorical("occupation"), FeatureSpec.categorical("zip")),
                List.of(FeatureSpec.categorical("rate"), FeatureSpec.multi("genre"), FeatureSpec.categorical("director"), FeatureSpec.multi("actor")),
                32, List.of(64, 64), Objective.SQUARED_ERROR, adapted, false, false, 5e-3);
        return new PreferenceNetwork(config, USER_ROWS, ITEM_ROWS, 0, 0);
    }

    static EncodedEntity entity(SplittableRandom r, int[] rows, int[] values) {
        int[][] slots = new int[rows.length][];
        for (int f = 0; f < rows.length; f++) {
            slots[f] = new int[values[f]];
            for (int k = 0; k < values[f]; k++) slots[f][k] = 1 + r.nextInt(rows[f] - 1);
        }
        return new EncodedEntity(slots, -1);
    }

    static Batch batch(SplittableRandom r, EncodedEntity user, int events) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            EncodedEntity item = entity(r, ITEM_ROWS, new int[]{1, 2, 1, 3});
            examples.add(Example.of(item, 1 + r.nextInt(5)));
        }
        return new Batch(user, examples);
    }

    static List<Task<Batch>> tasks(long seed, int count, int supportEvents, int queryEvents) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Task<Batch>> out = new ArrayList<>();
        for (int u = 0; u < count; u++) {
            EncodedEntity user = entity(r, USER_ROWS, new int[]{1, 1, 1, 1});
            out.add(new Task<>("u" + u, batch(r, user, supportEvents), batch(r, user, queryEvents)));
        }
        return out;
    }
}
