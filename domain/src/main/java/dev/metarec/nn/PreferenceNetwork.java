package dev.metarec.nn;

import dev.metarec.features.EncodedCatalogue;
import dev.metarec.features.EncodedEntity;
import dev.metarec.meta.Batch;
import dev.metarec.meta.TaskModel;

import java.util.List;

/**
 * The preference model f(user, item) → score, MeLU-class (Lee et al., "MeLU: Meta-Learned User
 * Preference Estimator for Cold-Start Recommendation", KDD 2019): each user and item attribute is an
 * embedding (mean-pooled over a multi-valued attribute's values), optional ID embeddings, concatenated
 * into an MLP with ReLU hidden layers and a linear output:
 * <pre>
 *   u     = [pool(user slots), userId or 0] + user.offset
 *   x     = [u, pool(item slots), itemId or 0]
 *   score = MLP(x) + user.bias + offset
 * </pre>
 * An ID slot whose {@code idRow} is -1 (an entity without history when the table was trained) falls
 * back to the zero vector, so it scores from its attributes alone. Objectives: {@link Objective}; the
 * batch loss is the weighted mean sum(w_e l_e) / sum(w_e). Under BPR an example's {@code offset} is
 * added to the positive item's score only (pass b(pos) - b(neg) to include both items' biases).
 *
 * <p>Parameter groups are named as in {@link ModelConfig}; which dense groups adapt per user is
 * {@link ModelConfig#adaptedGroups()}. Gradients are d(loss)/d(theta). Immutable and thread-safe:
 * every call allocates its own scratch.
 */
public final class PreferenceNetwork implements TaskModel<Batch> {
    private final NetworkShape shape;
    private final FastLayout fastLayout;

    /**
     * @param userTableRows rows of each user feature's table, in {@code config.userFeatures()} order (row 0 = missing)
     * @param itemTableRows rows of each item feature's table
     * @param userIdRows    rows of {@code emb.userId} (ignored when user ID embeddings are off)
     * @param itemIdRows    rows of {@code emb.itemId} (ignored when item ID embeddings are off)
     */
    public PreferenceNetwork(ModelConfig config, int[] userTableRows, int[] itemTableRows, int userIdRows, int itemIdRows) {
        this.shape = new NetworkShape(config, userTableRows.clone(), itemTableRows.clone(), userIdRows, itemIdRows);
        this.fastLayout = new FastLayout(shape.layout, config.adaptedGroups());
    }

    public ModelConfig config() { return shape.config; }

    public ParamLayout layout() { return shape.layout; }

    @Override public FastLayout fastLayout() { return fastLayout; }

    /** Fresh meta-parameters; the same seed gives bit-identical parameters ({@link ParamInit}). */
    public Params initialise(long seed) { return ParamInit.initialise(shape, seed); }

    /**
     * n / (n + tau) for a support of n events ({@link ModelConfig#innerStepScale(double)}). n counts events,
     * not their weights: shrinkage is about how much a user has shown, recency weights about which of it
     * matters now, so an established user's recency-weighted window is not shrunk as if it were a newcomer's
     * (which would slow the following of a taste change).
     */
    @Override
    public double innerStepScale(Batch support) { return shape.config.innerStepScale(support.examples().size()); }

    /**
     * When the first layer is shared ({@link #sharesItemSide()}): the batch with each example's item (and negative)
     * share of the first layer computed once, in double, for {@code meta}; the inner loop's steps then start each
     * item's forward pass from it. Otherwise {@code batch} itself.
     */
    @Override
    public Batch prepare(Params meta, Batch batch) {
        if (!sharesItemSide() || batch.prepared() != null && batch.prepared().meta() == meta) return batch;
        BatchGradient.requireBatch(shape, batch);
        return batch.with(BatchGradient.prepare(shape, fastLayout, meta, batch));
    }

    @Override
    public double loss(Params meta, double[] fast, Batch batch) {
        return BatchGradient.run(shape, fastLayout, meta, fast, batch, false, null, null, 0);
    }

    @Override
    public double lossAndGradient(Params meta, double[] fast, Batch batch, double[] gradFast, Gradient gradSlow, double slowScale) {
        return BatchGradient.run(shape, fastLayout, meta, fast, batch, true, gradFast, gradSlow, slowScale);
    }

    @Override
    public void hessianVectorProduct(Params meta, double[] fast, Batch batch, double[] v, double[] hvFast, Gradient gradSlow, double slowScale) {
        HessianVector.run(shape, fastLayout, meta, fast, batch, v, hvFast, gradSlow, slowScale);
    }

    /** The raw score of one item: MLP output + user.bias + {@code offset}. */
    public double score(Params meta, double[] fast, EncodedEntity user, EncodedEntity item, double offset) {
        return Scoring.score(shape, fastLayout, meta, fast, user, item, offset);
    }

    /**
     * Scores every item for one user into {@code out} (same length as {@code items}); {@code offsets}
     * (may be null = all 0) are added per item. The user's share of the first layer is computed once.
     */
    public void scoreAll(Params meta, double[] fast, EncodedEntity user, List<EncodedEntity> items, double[] offsets, double[] out) {
        Scoring.scoreAll(shape, fastLayout, meta, fast, user, items, offsets, out);
    }

    /**
     * {@link #scoreAll(Params, double[], EncodedEntity, List, double[], double[])} over a packed
     * catalogue: the fastest path for large catalogues (pack once per catalogue version, score per request).
     */
    public void scoreAll(Params meta, double[] fast, EncodedEntity user, EncodedCatalogue items, double[] offsets, double[] out) {
        Scoring.scoreAll(shape, fastLayout, meta, fast, user, items, offsets, out);
    }

    /**
     * Whether the first layer's weights W0 do not adapt per user: then an item's share of the first layer,
     * x_item W0[item rows], is the same for every user, and can be computed once per checkpoint and item
     * ({@link #itemSides}) instead of on every request.
     */
    public boolean sharesItemSide() { return Scoring.sharesItemSide(shape, fastLayout); }

    /**
     * Each item's share of the first layer's pre-activation, in single precision ({@code width(1)} floats per
     * item): what {@link #scoreAll(Params, double[], EncodedEntity, float[][], int[], double[], double[])} adds
     * to the user's share. Only for a network that {@link #sharesItemSide()}; computed with {@code meta}, so
     * recompute when the checkpoint changes, and for an item when its attributes do.
     *
     * @throws NonFiniteException when an item's side is not finite
     */
    public float[][] itemSides(Params meta, List<EncodedEntity> items) {
        return Scoring.itemSides(shape, fastLayout, meta, items);
    }

    /**
     * Scores items {@code which[i]} of {@code itemSides} ({@link #itemSides}, from the same {@code meta}) for one
     * user into {@code out[i]}, plus {@code offsets[i]} (may be null): the user's share of the first layer plus the
     * item's, then the layers after the first. Equals {@link #scoreAll(Params, double[], EncodedEntity, List, double[], double[])}
     * up to single-precision rounding, without the per-request work on the item side.
     */
    public void scoreAll(Params meta, double[] fast, EncodedEntity user, float[][] itemSides, int[] which, double[] offsets, double[] out) {
        Scoring.scoreAll(shape, fastLayout, meta, fast, user, itemSides, which, offsets, out, which.length);
    }

    /**
     * {@link #scoreAll(Params, double[], EncodedEntity, float[][], int[], double[], double[])} for a catalogue too large
     * to score every item exactly within a request: a first stage estimates every item's score (the first layer exact,
     * the layers after it linearised at this user's mean activations, calibrated on a few hundred exactly scored items),
     * and the {@code exact} items best by it (in each of two rounds) are scored exactly; every other {@code out[i]} is
     * the estimate. Every item is scored exactly when {@code exact >= which.length}. Returns which {@code out[i]} are exact,
     * or null when every one is.
     */
    public boolean[] scoreAll(Params meta, double[] fast, EncodedEntity user, float[][] itemSides, int[] which, double[] offsets, double[] out, int exact) {
        if (exact < 1) throw new IllegalArgumentException("exact must be >= 1, was " + exact);
        return Scoring.scoreAll(shape, fastLayout, meta, fast, user, itemSides, which, offsets, out, exact);
    }

    /**
     * Per item slot (item features in config order, then the item ID slot if enabled), how much it
     * raised the score: the score minus the score with that slot replaced by the missing row (row 0) or,
     * for the ID slot, by the no-ID fallback. Occlusion attribution, for explanations.
     */
    public double[] itemSlotContributions(Params meta, double[] fast, EncodedEntity user, EncodedEntity item) {
        return Scoring.itemSlotContributions(shape, fastLayout, meta, fast, user, item);
    }

    /** The score as the objective's prediction: a probability for LOGISTIC, the score itself otherwise. */
    public double prediction(double score) {
        return shape.config.objective() == Objective.LOGISTIC ? Losses.sigmoid(score) : score;
    }
}
