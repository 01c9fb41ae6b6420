package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.features.EncodedEntity;
import dev.metarec.features.FeatureSpace;
import dev.metarec.meta.Batch;
import dev.metarec.meta.InnerLoop;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.Objective;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;

/**
 * A loaded champion: checkpoint, its network and feature space, the meta-parameters, and the inner loop
 * used to adapt users. Immutable and shared by all requests of a warm container.
 */
public final class ServingModel {
    private final Checkpoint checkpoint;
    private final PreferenceNetwork network;
    private final InnerLoop<Batch> innerLoop;
    private final double[] prior;
    private final double priorOffset;

    /** Checkpoint metric: the constant the unadapted prior misses by on training users (see MetaTrainService). */
    public static final String PRIOR_OFFSET = "serving.priorOffset";
    /** Checkpoint metrics: the range of the training targets; served predictions are clamped into it. */
    public static final String MIN_TARGET = "serving.minTarget", MAX_TARGET = "serving.maxTarget";
    private final double minTarget, maxTarget;

    public ServingModel(Checkpoint checkpoint, int adaptSteps) {
        this.checkpoint = checkpoint;
        FeatureSpace f = checkpoint.features();
        this.network = new PreferenceNetwork(checkpoint.config(), f.userTableRows(), f.itemTableRows(), f.userIdRows(), f.itemIdRows());
        checkpoint.requireLayout(network.layout());
        this.innerLoop = new InnerLoop<>(network, adaptSteps, checkpoint.config().initialInnerLr());
        this.prior = network.fastLayout().gather(checkpoint.params());
        double o = checkpoint.metadata().metrics().getOrDefault(PRIOR_OFFSET, 0.0);
        this.priorOffset = Double.isFinite(o) ? o : 0.0;
        this.minTarget = checkpoint.metadata().metrics().getOrDefault(MIN_TARGET, Double.NEGATIVE_INFINITY);
        this.maxTarget = checkpoint.metadata().metrics().getOrDefault(MAX_TARGET, Double.POSITIVE_INFINITY);
    }

    /**
     * What a client sees for a score: a probability for the logistic objective, otherwise the predicted
     * rating clamped into the training targets' range (the ranking uses the raw score).
     */
    public double shownPrediction(double score) {
        double p = network.prediction(score);
        return Math.max(minTarget, Math.min(maxTarget, p));
    }

    /** Added to the score of a user scored with the prior (zero-shot), calibrating it. */
    public double priorOffset() { return priorOffset; }

    /** The inner steps a user is adapted with. */
    public int adaptSteps() { return innerLoop.steps(); }

    public String checkpointId() { return checkpoint.checkpointId(); }

    public Checkpoint checkpoint() { return checkpoint; }

    public PreferenceNetwork network() { return network; }

    public Params meta() { return checkpoint.params(); }

    /** What orders the served list besides the network ({@link dev.metarec.rank.RankPrior#NONE}: the network alone). */
    public dev.metarec.rank.RankPrior rank() { return checkpoint.rank(); }

    public FeatureSpace features() { return checkpoint.features(); }

    public InnerLoop<Batch> innerLoop() { return innerLoop; }

    public Objective objective() { return checkpoint.config().objective(); }

    /** The champion's own fast weights: what a user with no adaptation is scored with. A copy. */
    public double[] prior() { return prior.clone(); }

    public EncodedEntity encodeUser(UserProfile profile) { return features().encodeUser(profile); }

    public EncodedEntity encodeItem(Item item) { return features().encodeItem(item); }

    /**
     * The calibrated score of an item for a user with the prior weights: the network plus the item's baseline from the
     * checkpoint ({@link dev.metarec.rank.ItemBaseline}), no warm-up offset. Ingest measures warm-up residuals against it.
     */
    public double priorScore(EncodedEntity user, EncodedEntity item, String itemId) {
        return network.score(meta(), prior, user, item, priorOffset + rank().baseline().of(itemId));
    }
}
