package dev.metarec.nn;

import dev.metarec.features.FeatureSpec;

import java.util.List;
import java.util.Objects;

/**
 * The shape of a preference network. Parameter group names (used by {@code adaptedGroups}):
 * <ul>
 *   <li>{@code emb.user.<feature>}, {@code emb.item.<feature>}: embedding tables (TABLE), one per feature</li>
 *   <li>{@code emb.userId}, {@code emb.itemId}: optional ID-embedding tables (TABLE)</li>
 *   <li>{@code user.offset}: 1 x (userSlots * embeddingDim), added to the user's pooled embeddings (DENSE, starts 0;
 *       absent when the user side has no slots)</li>
 *   <li>{@code user.bias}: 1 x 1, added to the score (DENSE)</li>
 *   <li>{@code mlp.<k>.W} (in x out, row-major by input) and {@code mlp.<k>.b} (1 x out), ReLU, for each hidden width</li>
 *   <li>{@code out.W} (last width x 1) and {@code out.b} (1 x 1, acts as the global bias)</li>
 *   <li>{@code meta.innerLr}: 1 x (number of adapted groups), the per-group inner learning rates learned by Meta-SGD</li>
 * </ul>
 * MeLU adapts the decision layers only: {@link #MELU_ADAPTED}.
 *
 * <p>{@code supportShrinkage} (tau, >= 0) makes the inner step support-size aware: adaptation descends
 * sum(w_i l_i) / (sum(w_i) + tau) instead of the weighted mean, i.e. every inner step is scaled by
 * n / (n + tau) for a support of total weight n. A one-event support then moves the fast weights little
 * and a long history almost as much as the mean loss would: the shrinkage of a bias model's user offset
 * b_u = sum(r - mu - b_i) / (n + lambda) (Koren, "Factorization Meets the Neighborhood", KDD 2008),
 * carried over to the inner loop of MAML. 0 (the default) is the plain mean of MeLU and MAML.
 */
public record ModelConfig(
        List<FeatureSpec> userFeatures,
        List<FeatureSpec> itemFeatures,
        int embeddingDim,
        List<Integer> hiddenWidths,
        Objective objective,
        List<String> adaptedGroups,
        boolean userIdEmbedding,
        boolean itemIdEmbedding,
        double initialInnerLr,
        double supportShrinkage) {

    /** Decision layers of a two-hidden-layer MLP plus the user bias. */
    public static final List<String> MELU_ADAPTED = List.of("mlp.0.W", "mlp.0.b", "mlp.1.W", "mlp.1.b", "out.W", "out.b", "user.bias");

    public ModelConfig {
        Objects.requireNonNull(objective, "objective");
        userFeatures = List.copyOf(userFeatures);
        itemFeatures = List.copyOf(itemFeatures);
        hiddenWidths = List.copyOf(hiddenWidths);
        adaptedGroups = List.copyOf(adaptedGroups);
        if (embeddingDim < 1) throw new IllegalArgumentException("embeddingDim must be >= 1, was " + embeddingDim);
        if (itemFeatures.isEmpty() && !itemIdEmbedding)
            throw new IllegalArgumentException("an item needs at least one feature or an ID embedding, or every item scores the same");
        for (int w : hiddenWidths) if (w < 1) throw new IllegalArgumentException("hidden widths must be >= 1, were " + hiddenWidths);
        if (adaptedGroups.isEmpty()) throw new IllegalArgumentException("adaptedGroups must name at least one group");
        if (!(initialInnerLr > 0) || !Double.isFinite(initialInnerLr))
            throw new IllegalArgumentException("initialInnerLr must be a positive finite number, was " + initialInnerLr);
        if (!(supportShrinkage >= 0) || !Double.isFinite(supportShrinkage))
            throw new IllegalArgumentException("supportShrinkage must be a finite number >= 0, was " + supportShrinkage);
    }

    /** Without support shrinkage (tau = 0): the inner loss is the plain weighted mean. */
    public ModelConfig(List<FeatureSpec> userFeatures, List<FeatureSpec> itemFeatures, int embeddingDim, List<Integer> hiddenWidths,
                       Objective objective, List<String> adaptedGroups, boolean userIdEmbedding, boolean itemIdEmbedding, double initialInnerLr) {
        this(userFeatures, itemFeatures, embeddingDim, hiddenWidths, objective, adaptedGroups, userIdEmbedding, itemIdEmbedding, initialInnerLr, 0.0);
    }

    /** The same configuration with support shrinkage {@code tau} (same parameter layout). */
    public ModelConfig withSupportShrinkage(double tau) {
        return new ModelConfig(userFeatures, itemFeatures, embeddingDim, hiddenWidths, objective, adaptedGroups, userIdEmbedding, itemIdEmbedding, initialInnerLr, tau);
    }

    /**
     * The factor n / (n + tau) every inner step is scaled by for a support of {@code n} events
     * (1 when tau = 0; 0 for an empty support).
     */
    public double innerStepScale(double n) {
        if (supportShrinkage == 0) return 1.0;
        return n > 0 ? n / (n + supportShrinkage) : 0.0;
    }

    /** Number of embedding slots on the user side (features plus the optional ID). */
    public int userSlots() { return userFeatures.size() + (userIdEmbedding ? 1 : 0); }

    public int itemSlots() { return itemFeatures.size() + (itemIdEmbedding ? 1 : 0); }

    /** Width of the MLP input: all slots times the embedding dimension. */
    public int inputWidth() { return (userSlots() + itemSlots()) * embeddingDim; }

    /** MeLU's shape: embedding 32, two hidden layers of 64, decision layers adapted. */
    public static ModelConfig melu(List<FeatureSpec> userFeatures, List<FeatureSpec> itemFeatures, Objective objective) {
        return new ModelConfig(userFeatures, itemFeatures, 32, List.of(64, 64), objective, MELU_ADAPTED, false, false, 5e-3);
    }
}
