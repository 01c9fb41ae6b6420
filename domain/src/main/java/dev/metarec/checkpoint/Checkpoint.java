package dev.metarec.checkpoint;

import dev.metarec.features.FeatureSpace;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;
import dev.metarec.rank.RankPrior;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything needed to serve a meta-trained model: its configuration, the feature vocabularies its
 * embedding tables were sized for, the meta-parameters, and where it came from. A value; encoded by
 * {@link CheckpointCodec}.
 *
 * <p>The constructor checks that the parts agree: the vocabularies match the config's feature specs,
 * the parameters are laid out exactly as the {@link PreferenceNetwork} built from the config and the
 * vocabularies' table sizes ({@link #network()}), and no parameter is NaN or infinite.
 *
 * @param checkpointId 1 to 128 characters of {@code [A-Za-z0-9._-]} (it becomes an S3 key)
 * @param rank         what orders the served list besides the network ({@link RankPrior#NONE}: the network alone)
 */
public record Checkpoint(String checkpointId, ModelConfig config, FeatureSpace features, Params params, CheckpointMetadata metadata, RankPrior rank) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public Checkpoint {
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(rank, "rank");
        if (!ID.matcher(checkpointId).matches())
            throw new IllegalArgumentException("checkpointId must be 1-128 characters of [A-Za-z0-9._-], was '" + checkpointId + "'");
        features.requireCompatible(config);
        String mismatch = firstDifference(params.layout(), network(config, features).layout());
        if (mismatch != null)
            throw new IllegalArgumentException("the parameters do not fit the network this config and these vocabularies make: " + mismatch);
        params.requireFinite("checkpoint " + checkpointId);
    }

    /** A checkpoint without a {@link RankPrior} (ranked by the network alone). */
    public Checkpoint(String checkpointId, ModelConfig config, FeatureSpace features, Params params, CheckpointMetadata metadata) {
        this(checkpointId, config, features, params, metadata, RankPrior.NONE);
    }

    /** This checkpoint with {@code rank}. */
    public Checkpoint withRank(RankPrior rank) { return new Checkpoint(checkpointId, config, features, params, metadata, rank); }

    /** The network these parameters belong to (cheap: builds the layout only). */
    public PreferenceNetwork network() { return network(config, features); }

    private static PreferenceNetwork network(ModelConfig config, FeatureSpace features) {
        return new PreferenceNetwork(config, features.userTableRows(), features.itemTableRows(), features.userIdRows(), features.itemIdRows());
    }

    /**
     * Throws {@link CheckpointFormatException} when the parameters are not laid out as the model that
     * loads them expects (e.g. a network built by another version of the code).
     */
    public void requireLayout(ParamLayout expected) {
        String mismatch = firstDifference(params.layout(), expected);
        if (mismatch != null) throw new CheckpointFormatException("layout mismatch in checkpoint " + checkpointId + ": " + mismatch);
    }

    /** Null when equal, else "parameter group #i is X but the model expects Y". */
    private static String firstDifference(ParamLayout have, ParamLayout want) {
        List<ParamGroup> h = have.groups(), w = want.groups();
        for (int i = 0; i < Math.max(h.size(), w.size()); i++) {
            ParamGroup a = i < h.size() ? h.get(i) : null, b = i < w.size() ? w.get(i) : null;
            if (!Objects.equals(a, b)) return "parameter group #" + i + " is " + describe(a) + " but the model expects " + describe(b);
        }
        return null;
    }

    private static String describe(ParamGroup g) {
        return g == null ? "absent" : g.name() + " (" + g.kind() + " " + g.rows() + " x " + g.cols() + " at " + g.offset() + ")";
    }
}
