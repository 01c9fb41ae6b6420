package dev.metarec.checkpoint;

import dev.metarec.features.FeatureSpace;
import dev.metarec.features.FeatureSpec;
import dev.metarec.model.Attributes;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.FastLayout;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small models and MeLU-size fast layouts for the codec tests. */
final class CheckpointFixtures {
    private CheckpointFixtures() {}

    static ModelConfig smallConfig() {
        return new ModelConfig(
                List.of(FeatureSpec.categorical("country"), FeatureSpec.numeric("age", 3)),
                List.of(FeatureSpec.multi("genre"), new FeatureSpec("director", dev.metarec.features.FeatureKind.CATEGORICAL, 4, 0)),
                3, List.of(5, 4), Objective.LOGISTIC, List.of("mlp.1.W", "mlp.1.b", "out.W", "out.b", "user.bias"), true, false, 0.02);
    }

    static FeatureSpace smallSpace(ModelConfig c) {
        List<UserProfile> users = List.of(
                new UserProfile("u1", Attributes.of("country", "FR", "age", "21")),
                new UserProfile("u2", Attributes.of("country", "Ísland", "age", "35")),
                new UserProfile("u3", Attributes.of("age", "50")));
        List<Item> items = List.of(
                new Item("i1", Attributes.of("genre", "Drama|Comedy", "director", "Varda"), null),
                new Item("i2", Attributes.of("genre", "Action"), null));
        return FeatureSpace.fit(c, users, items, 1);
    }

    static ParamLayout layout(ModelConfig c, FeatureSpace s) {
        return new PreferenceNetwork(c, s.userTableRows(), s.itemTableRows(), s.userIdRows(), s.itemIdRows()).layout();
    }

    static Params randomParams(ParamLayout layout, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[layout.size()];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian() * 0.1;
        return new Params(layout, v);
    }

    static Checkpoint small() {
        ModelConfig c = smallConfig();
        FeatureSpace s = smallSpace(c);
        double[] v = randomParams(layout(c, s), 7).toArray();
        v[0] = -0.0;
        v[1] = Double.MIN_VALUE;
        v[2] = Double.MAX_VALUE;
        return new Checkpoint("ckpt-2026-11-28.001", c, s, new Params(layout(c, s), v),
                CheckpointMetadata.of(Instant.parse("2026-11-28T12:00:00.123456789Z"), "maml", 4200, Map.of("val.mae", 0.741, "val.ndcg@10", 0.31)));
    }

    /** MeLU's shape: 4 user + 4 item categorical features, embedding 32, hidden 64, 64, decision layers adapted. */
    static ModelConfig meluConfig() {
        List<FeatureSpec> user = new ArrayList<>(), item = new ArrayList<>();
        for (String f : List.of("gender", "age", "occupation", "zip")) user.add(FeatureSpec.categorical(f));
        for (String f : List.of("rate", "genre", "director", "actor")) item.add(FeatureSpec.categorical(f));
        return ModelConfig.melu(user, item, Objective.SQUARED_ERROR);
    }

    static FastLayout meluFastLayout() {
        ModelConfig c = meluConfig();
        FeatureSpace s = FeatureSpace.fit(c, List.of(), List.of(), 1);
        return new FastLayout(layout(c, s), c.adaptedGroups());
    }
}
