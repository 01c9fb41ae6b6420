package dev.metarec.meta;

import dev.metarec.features.EncodedEntity;
import dev.metarec.features.FeatureSpace;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.FastLayout;
import dev.metarec.nn.Gradient;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticDataset;
import dev.metarec.synthetic.SyntheticGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The point of the product, on a world with known structure: users' ratings follow personal latent
 * tastes over genres, brands and price (dev.metarec.synthetic). After meta-training the preference
 * network, adapting on a new user's first 5 ratings must predict their later ratings clearly better
 * than the meta-learned model without adaptation, and than a fresh model trained on the same 5 ratings.
 */
class FewShotSyntheticTest {
    static final int SHOTS = 5;

    @Test
    void fiveShotAdaptation_beatsNoAdaptation_andAFreshModelOnTheSameFiveRatings() {
        SyntheticConfig world = new SyntheticConfig(400, 150, 8, 10, 4, 15, 25, 1.0, 0.0, 1, 0.3, 0.8,
                Instant.parse("2024-01-01T00:00:00Z"), Duration.ofDays(100));
        SyntheticDataset data = SyntheticGenerator.generate(world, 2024);
        ModelConfig config = new ModelConfig(SyntheticDataset.userFeatures(), SyntheticDataset.itemFeatures(), 8,
                List.of(32, 16), Objective.SQUARED_ERROR, ModelConfig.MELU_ADAPTED, false, false, 0.05);
        FeatureSpace space = FeatureSpace.fit(config, data.users(), data.items(), 1);
        PreferenceNetwork net = new PreferenceNetwork(config, space.userTableRows(), space.itemTableRows(), 0, 0);
        List<Task<Batch>> tasks = tasks(data, space);
        List<Task<Batch>> train = tasks.subList(0, 320), test = tasks.subList(320, tasks.size());

        MetaTrainConfig mc = new MetaTrainConfig(Learner.META_SGD, SHOTS, 0.05, 3e-3, 16, 2, 7, 10, 1e-4, 0.5);
        Params meta;
        try (MetaTrainer<Batch> trainer = new MetaTrainer<>(net, mc)) {
            meta = trainer.train(MetaTrainState.initial(net.initialise(1)), train, 400, MetaTrainListener.NONE).params();
        }

        InnerLoop<Batch> adapt = new InnerLoop<>(net, SHOTS, mc.innerLr());
        double adapted = 0, unadapted = 0, fresh = 0;
        for (Task<Batch> t : test) {
            adapted += net.loss(meta, adapt.adapt(meta, t.support()).fast(), t.query()) / test.size();
            unadapted += net.loss(meta, net.fastLayout().gather(meta), t.query()) / test.size();
            fresh += freshModelLoss(net, t) / test.size();
        }
        String summary = "query MSE: adapted " + adapted + ", not adapted " + unadapted + ", fresh model on 5 ratings " + fresh;
        assertTrue(Double.isFinite(adapted) && Double.isFinite(unadapted) && Double.isFinite(fresh),
                "every baseline must be finite, or the comparisons below pass vacuously: " + summary);
        assertTrue(adapted < 0.8 * unadapted, summary);
        assertTrue(adapted < 0.7 * fresh, summary);
    }

    /** A fresh network trained on the 5 support ratings alone (all parameters, full-batch gradient descent), best of two rates. */
    private static double freshModelLoss(PreferenceNetwork net, Task<Batch> task) {
        double best = Double.POSITIVE_INFINITY;
        for (double rate : new double[]{0.02, 0.1}) {
            double[] p = net.initialise(99).toArray();
            FastLayout fl = net.fastLayout();
            Gradient g = new Gradient(net.layout());
            double[] gFast = new double[fl.size()];
            for (int step = 0; step < 150; step++) {
                Params params = Params.wrap(net.layout(), p.clone());
                g.clear();
                net.lossAndGradient(params, fl.gather(params), task.support(), gFast, g, 1.0);
                fl.scatterAdd(gFast, 1.0, g);
                for (int i = 0; i < p.length; i++) p[i] -= rate * g.get(i);
            }
            Params params = new Params(net.layout(), p);
            double loss = net.loss(params, fl.gather(params), task.query());
            if (Double.isFinite(loss)) best = Math.min(best, loss);
        }
        return best;
    }

    /** One task per user: the first 5 ratings in time order are the support set, the rest the query set. */
    static List<Task<Batch>> tasks(SyntheticDataset data, FeatureSpace space) {
        Map<String, Item> items = data.items().stream().collect(Collectors.toMap(Item::itemId, Function.identity()));
        Map<String, EncodedEntity> encodedItems = new LinkedHashMap<>();
        Map<String, List<Event>> byUser = data.ratings().stream().collect(Collectors.groupingBy(Event::userId, LinkedHashMap::new, Collectors.toList()));
        List<Task<Batch>> out = new ArrayList<>();
        for (UserProfile u : data.users()) {
            List<Event> events = byUser.getOrDefault(u.userId(), List.of());
            if (events.size() <= SHOTS) continue;
            EncodedEntity user = space.encodeUser(u);
            List<Example> examples = events.stream()
                    .map(e -> Example.of(encodedItems.computeIfAbsent(e.itemId(), id -> space.encodeItem(items.get(id))), e.value()))
                    .toList();
            out.add(new Task<>(u.userId(), new Batch(user, examples.subList(0, SHOTS)), new Batch(user, examples.subList(SHOTS, examples.size()))));
        }
        return out;
    }
}
