package dev.metarec.eval.method;

import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.features.EncodedEntity;
import dev.metarec.features.FeatureSpace;
import dev.metarec.meta.Batch;
import dev.metarec.meta.Example;
import dev.metarec.meta.Task;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bridge between evaluation tasks and the preference network: the feature space (vocabularies
 * fitted on the training users and the items of their histories only, so a new item's unseen values
 * hash), the network, and the item baseline mu + b_i of a {@link BiasEstimator} that every example
 * carries as its score offset: the network learns the personal residual on top of the shrunk biases,
 * and a new item's offset warms up as observations arrive (MetaEmb-style warm-up, Pan et al., SIGIR 2019).
 */
public final class NetworkEncoding {
    private final FeatureSpace space;
    private final PreferenceNetwork network;
    private final BiasEstimator bias;
    private final Map<String, EncodedEntity> itemCache = new ConcurrentHashMap<>();
    private final java.util.function.ToDoubleBiFunction<Item, Observations> offset;

    /** Explicit ratings: squared error, offset = the item baseline mu + b_i. */
    public NetworkEncoding(TrainingData data, NetworkSettings settings) { this(data, settings, Objective.SQUARED_ERROR, null); }

    /**
     * @param offset the per-item score offset; null means the item baseline mu + b_i of the bias estimator
     */
    public NetworkEncoding(TrainingData data, NetworkSettings settings, Objective objective, java.util.function.ToDoubleBiFunction<Item, Observations> offset) {
        ModelConfig config = new ModelConfig(data.dataset().userFeatures(), data.dataset().itemFeatures(), settings.embeddingDim(),
                settings.hiddenWidths(), objective, ModelConfig.MELU_ADAPTED, false, false, settings.innerLr(), settings.supportShrinkage());
        Map<String, UserProfile> users = new LinkedHashMap<>();
        Map<String, Item> items = new LinkedHashMap<>();
        for (UserTask t : data.split().train()) {
            users.put(t.userId(), t.user());
            for (Rated r : t.all()) items.put(r.itemId(), r.item());
        }
        this.space = FeatureSpace.fit(config, users.values(), items.values(), 1);
        this.network = new PreferenceNetwork(config, space.userTableRows(), space.itemTableRows(), space.userIdRows(), space.itemIdRows());
        this.bias = BiasEstimator.fit(data.dataset().items(), data.observed(), 10, 5, BiasModel.LAMBDA_ATTRIBUTE);
        this.offset = offset != null ? offset : bias::itemBaseline;
    }

    private NetworkEncoding(NetworkEncoding base, PreferenceNetwork network) {
        this.space = base.space;
        this.network = network;
        this.bias = base.bias;
        this.offset = base.offset;
    }

    /** The same features, baseline and parameter layout, adapting with support shrinkage {@code tau}. */
    public NetworkEncoding withSupportShrinkage(double tau) {
        if (tau == network.config().supportShrinkage()) return this;
        return new NetworkEncoding(this, new PreferenceNetwork(network.config().withSupportShrinkage(tau),
                space.userTableRows(), space.itemTableRows(), space.userIdRows(), space.itemIdRows()));
    }

    public double offset(Item item, Observations observed) { return offset.applyAsDouble(item, observed); }

    public PreferenceNetwork network() { return network; }

    public BiasEstimator bias() { return bias; }

    public EncodedEntity item(Item item) { return itemCache.computeIfAbsent(item.itemId(), id -> space.encodeItem(item)); }

    public EncodedEntity user(UserProfile user) { return space.encodeUser(user); }

    /** A batch of the user's ratings with their item baselines as offsets. */
    public Batch batch(UserProfile user, List<Rated> rated, Observations observed) { return batch(user, rated, observed, null); }

    /** As {@link #batch(UserProfile, List, Observations)} with a loss weight per rating (null: all 1). */
    public Batch batch(UserProfile user, List<Rated> rated, Observations observed, double[] weights) {
        if (weights != null && weights.length != rated.size())
            throw new IllegalArgumentException("got " + weights.length + " weights for " + rated.size() + " ratings");
        List<Example> ex = new ArrayList<>(rated.size());
        for (int i = 0; i < rated.size(); i++) {
            Rated r = rated.get(i);
            ex.add(new Example(item(r.item()), r.value(), weights == null ? 1.0 : weights[i], offset(r.item(), observed), null));
        }
        return new Batch(user(user), ex);
    }

    /** Meta-training tasks from the split's tasks (their own support/query division). */
    public List<Task<Batch>> tasks(List<UserTask> tasks, Observations observed) {
        List<Task<Batch>> out = new ArrayList<>(tasks.size());
        for (UserTask t : tasks) out.add(new Task<>(t.userId(), batch(t.user(), t.support(), observed), batch(t.user(), t.query(), observed)));
        return out;
    }

    /** Scores of the task's query items with the given fast weights. */
    public double[] predict(Params meta, double[] fast, UserTask task, Observations observed) {
        List<EncodedEntity> items = new ArrayList<>(task.query().size());
        double[] offsets = new double[task.query().size()];
        for (int q = 0; q < offsets.length; q++) {
            Rated r = task.query().get(q);
            items.add(item(r.item()));
            offsets[q] = offset(r.item(), observed);
        }
        double[] out = new double[offsets.length];
        network.scoreAll(meta, fast, user(task.user()), items, offsets, out);
        return out;
    }
}
