package dev.metarec.nn;

import dev.metarec.features.EncodedEntity;
import dev.metarec.features.FeatureSpec;

import java.util.List;

/**
 * The parameter layout of a {@link PreferenceNetwork} built from its {@link ModelConfig} and the row
 * counts of its embedding tables, with direct references to every group. Immutable.
 *
 * <p>Dense groups the forward pass reads are numbered ({@link #USER_OFFSET}, {@link #USER_BIAS},
 * {@link #weight(int)}, {@link #bias(int)}) so that {@link Weights} and {@link DenseGrads} can index them.
 * Layer k maps width {@code width(k)} to {@code width(k + 1)}; layers {@code 0 .. hiddenLayers() - 1}
 * are ReLU, layer {@code hiddenLayers()} is the linear output {@code out.W, out.b}.
 */
final class NetworkShape {
    static final int USER_OFFSET = 0;
    static final int USER_BIAS = 1;

    final ModelConfig config;
    final ParamLayout layout;
    final ParamGroup[] userTables;
    final ParamGroup[] itemTables;
    final ParamGroup userIdTable;   // null when disabled
    final ParamGroup itemIdTable;   // null when disabled
    final ParamGroup innerLr;
    /** Dense groups read by the forward pass, by dense id. */
    final ParamGroup[] dense;
    final int[] widths;
    final int dim;
    final int userWidth;
    final int itemWidth;
    /** Whether user.offset adapts: then its gradient is needed even when no slow gradient is asked for. */
    final boolean userOffsetAdapts;

    NetworkShape(ModelConfig config, int[] userTableRows, int[] itemTableRows, int userIdRows, int itemIdRows) {
        this.config = config;
        this.dim = config.embeddingDim();
        requireRows("userTableRows", userTableRows, config.userFeatures());
        requireRows("itemTableRows", itemTableRows, config.itemFeatures());
        if (config.userIdEmbedding() && userIdRows < 1)
            throw new IllegalArgumentException("userIdRows must be >= 1 when user ID embeddings are enabled, was " + userIdRows);
        if (config.itemIdEmbedding() && itemIdRows < 1)
            throw new IllegalArgumentException("itemIdRows must be >= 1 when item ID embeddings are enabled, was " + itemIdRows);
        if (config.adaptedGroups().contains("meta.innerLr"))
            throw new IllegalArgumentException("meta.innerLr is learned by the outer loop only; it can't adapt per user");

        ParamLayout.Builder b = ParamLayout.builder();
        for (int f = 0; f < userTableRows.length; f++) b.table("emb.user." + config.userFeatures().get(f).name(), userTableRows[f], dim);
        for (int f = 0; f < itemTableRows.length; f++) b.table("emb.item." + config.itemFeatures().get(f).name(), itemTableRows[f], dim);
        if (config.userIdEmbedding()) b.table("emb.userId", userIdRows, dim);
        if (config.itemIdEmbedding()) b.table("emb.itemId", itemIdRows, dim);
        userOffsetAdapts = config.adaptedGroups().contains("user.offset");
        userWidth = config.userSlots() * dim;
        itemWidth = config.itemSlots() * dim;
        if (userWidth > 0) b.dense("user.offset", 1, userWidth);
        b.dense("user.bias", 1, 1);
        List<Integer> hidden = config.hiddenWidths();
        widths = new int[hidden.size() + 2];
        widths[0] = config.inputWidth();
        for (int k = 0; k < hidden.size(); k++) widths[k + 1] = hidden.get(k);
        widths[widths.length - 1] = 1;
        for (int k = 0; k < hidden.size(); k++) {
            b.dense("mlp." + k + ".W", widths[k], widths[k + 1]);
            b.dense("mlp." + k + ".b", 1, widths[k + 1]);
        }
        b.dense("out.W", widths[hidden.size()], 1);
        b.dense("out.b", 1, 1);
        b.dense("meta.innerLr", 1, config.adaptedGroups().size());
        layout = b.build();

        userTables = new ParamGroup[userTableRows.length];
        for (int f = 0; f < userTables.length; f++) userTables[f] = layout.group("emb.user." + config.userFeatures().get(f).name());
        itemTables = new ParamGroup[itemTableRows.length];
        for (int f = 0; f < itemTables.length; f++) itemTables[f] = layout.group("emb.item." + config.itemFeatures().get(f).name());
        userIdTable = config.userIdEmbedding() ? layout.group("emb.userId") : null;
        itemIdTable = config.itemIdEmbedding() ? layout.group("emb.itemId") : null;
        innerLr = layout.group("meta.innerLr");
        dense = new ParamGroup[2 + 2 * (hidden.size() + 1)];
        dense[USER_OFFSET] = userWidth > 0 ? layout.group("user.offset") : null;
        dense[USER_BIAS] = layout.group("user.bias");
        for (int k = 0; k <= hidden.size(); k++) {
            dense[weight(k)] = layout.group(k < hidden.size() ? "mlp." + k + ".W" : "out.W");
            dense[bias(k)] = layout.group(k < hidden.size() ? "mlp." + k + ".b" : "out.b");
        }
    }

    private static void requireRows(String what, int[] rows, List<FeatureSpec> features) {
        if (rows.length != features.size())
            throw new IllegalArgumentException(what + " has " + rows.length + " entries but there are " + features.size() + " features");
        for (int f = 0; f < rows.length; f++)
            if (rows[f] < 1) throw new IllegalArgumentException(what + "[" + f + "] (" + features.get(f).name()
                    + ") must be >= 1 (row 0 is the missing row), was " + rows[f]);
    }

    /** Dense id of layer k's weight matrix. */
    static int weight(int k) { return 2 + 2 * k; }

    /** Dense id of layer k's bias. */
    static int bias(int k) { return 3 + 2 * k; }

    /** Number of ReLU layers; the output layer has index {@code hiddenLayers()}. */
    int hiddenLayers() { return widths.length - 2; }

    int layers() { return widths.length - 1; }

    /** Rejects an entity whose slots don't fit this network's tables. */
    void requireFits(String what, EncodedEntity e, ParamGroup[] tables, ParamGroup idTable) {
        if (e == null) throw new IllegalArgumentException(what + " is missing");
        if (e.slotCount() != tables.length)
            throw new IllegalArgumentException(what + " has " + e.slotCount() + " slots but the network has " + tables.length + " features");
        for (int f = 0; f < tables.length; f++)
            for (int r : e.slots()[f])
                if (r < 0 || r >= tables[f].rows())
                    throw new IllegalArgumentException(what + " slot " + f + " (" + tables[f].name() + ") row " + r
                            + " outside the table's " + tables[f].rows() + " rows");
        if (idTable != null && (e.idRow() < -1 || e.idRow() >= idTable.rows()))
            throw new IllegalArgumentException(what + " idRow " + e.idRow() + " outside " + idTable.name() + "'s "
                    + idTable.rows() + " rows (-1 = no ID)");
    }

    void requireUser(EncodedEntity user) { requireFits("user", user, userTables, userIdTable); }

    void requireItem(String what, EncodedEntity item) { requireFits(what, item, itemTables, itemIdTable); }

    /** {@link #requireItem} for item {@code index} of a list; the message is built only on failure. */
    void requireItem(int index, EncodedEntity item) {
        if (!fits(item, itemTables, itemIdTable)) requireItem("item " + index, item);
    }

    private static boolean fits(EncodedEntity e, ParamGroup[] tables, ParamGroup idTable) {
        if (e == null || e.slotCount() != tables.length) return false;
        for (int f = 0; f < tables.length; f++)
            for (int r : e.slots()[f]) if (r < 0 || r >= tables[f].rows()) return false;
        return idTable == null || (e.idRow() >= -1 && e.idRow() < idTable.rows());
    }
}
