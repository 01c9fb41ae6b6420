package dev.metarec.checkpoint;

import dev.metarec.features.FeatureSpace;
import dev.metarec.features.FeatureVocabulary;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything needed to serve a meta-trained model: its configuration, the feature vocabularies its
 * embedding tables were sized for, the meta-parameters, and where it came from. A value; encoded by
 * {@link CheckpointCodec}.
 *
 * <p>The constructor checks that the parts agree, by the group names {@link ModelConfig} documents:
 * the vocabularies match the config's feature specs, each embedding table {@code emb.user.<f>},
 * {@code emb.item.<f>}, {@code emb.userId}, {@code emb.itemId} has the vocabulary's row count and
 * {@code embeddingDim} columns, every adapted group exists and is dense, and no parameter is NaN or
 * infinite.
 *
 * @param checkpointId 1 to 128 characters of {@code [A-Za-z0-9._-]} (it becomes an S3 key)
 */
public record Checkpoint(String checkpointId, ModelConfig config, FeatureSpace features, Params params, CheckpointMetadata metadata) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public Checkpoint {
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(metadata, "metadata");
        if (!ID.matcher(checkpointId).matches())
            throw new IllegalArgumentException("checkpointId must be 1-128 characters of [A-Za-z0-9._-], was '" + checkpointId + "'");
        features.requireCompatible(config);
        requireTables(params.layout(), "emb.user.", features.userVocabularies(), config.embeddingDim());
        requireTables(params.layout(), "emb.item.", features.itemVocabularies(), config.embeddingDim());
        if (config.userIdEmbedding()) requireTable(params.layout(), "emb.userId", features.userIdRows(), config.embeddingDim());
        if (config.itemIdEmbedding()) requireTable(params.layout(), "emb.itemId", features.itemIdRows(), config.embeddingDim());
        for (String g : config.adaptedGroups()) {
            ParamGroup group = params.layout().findGroup(g).orElseThrow(() ->
                    new IllegalArgumentException("adapted group " + g + " is not in the parameter layout"));
            if (group.kind() != ParamGroup.Kind.DENSE) throw new IllegalArgumentException("adapted group " + g + " must be DENSE, is " + group.kind());
        }
        params.requireFinite("checkpoint " + checkpointId);
    }

    private static void requireTables(ParamLayout layout, String prefix, List<FeatureVocabulary> vocabularies, int dim) {
        for (FeatureVocabulary v : vocabularies) requireTable(layout, prefix + v.name(), v.rows(), dim);
    }

    private static void requireTable(ParamLayout layout, String name, int rows, int dim) {
        ParamGroup g = layout.findGroup(name).orElseThrow(() ->
                new IllegalArgumentException("embedding table " + name + " is not in the parameter layout"));
        if (g.rows() != rows || g.cols() != dim)
            throw new IllegalArgumentException("embedding table " + name + " is " + g.rows() + " x " + g.cols()
                    + " but the feature space and config need " + rows + " x " + dim);
    }

    /**
     * Throws {@link CheckpointFormatException} when the parameters are not laid out as the model that
     * loads them expects (e.g. a network built by another version of the code).
     */
    public void requireLayout(ParamLayout expected) {
        List<ParamGroup> have = params.layout().groups(), want = expected.groups();
        for (int i = 0; i < Math.max(have.size(), want.size()); i++) {
            ParamGroup h = i < have.size() ? have.get(i) : null, w = i < want.size() ? want.get(i) : null;
            if (!Objects.equals(h, w))
                throw new CheckpointFormatException("layout mismatch in checkpoint " + checkpointId + ": parameter group #" + i
                        + " is " + describe(h) + " but the model expects " + describe(w));
        }
    }

    private static String describe(ParamGroup g) {
        return g == null ? "absent" : g.name() + " (" + g.kind() + " " + g.rows() + " x " + g.cols() + " at " + g.offset() + ")";
    }
}
