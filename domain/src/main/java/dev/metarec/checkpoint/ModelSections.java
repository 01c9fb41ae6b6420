package dev.metarec.checkpoint;

import dev.metarec.features.FeatureKind;
import dev.metarec.features.FeatureSpace;
import dev.metarec.features.FeatureSpec;
import dev.metarec.features.FeatureVocabulary;
import dev.metarec.features.IdVocabulary;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bodies of the CONF (model configuration), FEAT (feature vocabularies) and PARM (parameter
 * layout and values) sections of a checkpoint. Enums are written by name, so reordering an enum
 * never changes what an old checkpoint means.
 */
final class ModelSections {
    private ModelSections() {}

    static BinaryWriter writeConfig(ModelConfig c) {
        BinaryWriter w = new BinaryWriter();
        writeSpecs(w, c.userFeatures());
        writeSpecs(w, c.itemFeatures());
        w.writeInt(c.embeddingDim()).writeInts(c.hiddenWidths()).writeString(c.objective().name())
                .writeStrings(c.adaptedGroups()).writeBoolean(c.userIdEmbedding()).writeBoolean(c.itemIdEmbedding())
                .writeDouble(c.initialInnerLr());
        // Appended after version 1's fields, and only when set: a tau = 0 checkpoint is byte-identical to
        // one written before support shrinkage existed, and such old checkpoints read back with tau = 0.
        if (c.supportShrinkage() != 0) w.writeDouble(c.supportShrinkage());
        return w;
    }

    static ModelConfig readConfig(BinaryReader r) {
        List<FeatureSpec> user = readSpecs(r);
        List<FeatureSpec> item = readSpecs(r);
        int dim = r.readInt();
        List<Integer> widths = r.readInts("hidden widths");
        Objective objective = enumValue(r, Objective.class, r.readString("objective"));
        List<String> adapted = r.readStrings("adapted groups");
        boolean userIds = r.readBoolean(), itemIds = r.readBoolean();
        double innerLr = r.readDouble();
        double tau = r.remaining() >= Double.BYTES ? r.readDouble() : 0.0;
        try {
            return new ModelConfig(user, item, dim, widths, objective, adapted, userIds, itemIds, innerLr, tau);
        } catch (IllegalArgumentException e) {
            throw r.fail("invalid model configuration: " + e.getMessage());
        }
    }

    private static void writeSpecs(BinaryWriter w, List<FeatureSpec> specs) {
        w.writeInt(specs.size());
        for (FeatureSpec s : specs) writeSpec(w, s);
    }

    private static void writeSpec(BinaryWriter w, FeatureSpec s) {
        w.writeString(s.name()).writeString(s.kind().name()).writeInt(s.hashBuckets()).writeInt(s.numericBuckets());
    }

    private static List<FeatureSpec> readSpecs(BinaryReader r) {
        int n = r.readCount("feature specs", 16);
        List<FeatureSpec> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(readSpec(r));
        return out;
    }

    private static FeatureSpec readSpec(BinaryReader r) {
        String name = r.readString("feature name");
        FeatureKind kind = enumValue(r, FeatureKind.class, r.readString("feature kind"));
        int hash = r.readInt(), buckets = r.readInt();
        try {
            return new FeatureSpec(name, kind, hash, buckets);
        } catch (IllegalArgumentException e) {
            throw r.fail("invalid feature spec: " + e.getMessage());
        }
    }

    static BinaryWriter writeFeatures(FeatureSpace s) {
        BinaryWriter w = new BinaryWriter();
        writeVocabularies(w, s.userVocabularies());
        writeVocabularies(w, s.itemVocabularies());
        writeIds(w, s.userIds());
        writeIds(w, s.itemIds());
        return w;
    }

    static FeatureSpace readFeatures(BinaryReader r) {
        List<FeatureVocabulary> user = readVocabularies(r);
        List<FeatureVocabulary> item = readVocabularies(r);
        Optional<IdVocabulary> userIds = readIds(r), itemIds = readIds(r);
        return new FeatureSpace(user, item, userIds, itemIds);
    }

    private static void writeVocabularies(BinaryWriter w, List<FeatureVocabulary> vs) {
        w.writeInt(vs.size());
        for (FeatureVocabulary v : vs) {
            writeSpec(w, v.spec());
            w.writeStrings(v.knownValues()).writeDoubles(v.boundaries());
        }
    }

    private static List<FeatureVocabulary> readVocabularies(BinaryReader r) {
        int n = r.readCount("vocabularies", 24);
        List<FeatureVocabulary> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            FeatureSpec spec = readSpec(r);
            List<String> known = r.readStrings("known values of " + spec.name());
            double[] boundaries = r.readDoubles("boundaries of " + spec.name());
            try {
                out.add(new FeatureVocabulary(spec, known, boundaries));
            } catch (IllegalArgumentException e) {
                throw r.fail("invalid vocabulary: " + e.getMessage());
            }
        }
        return out;
    }

    private static void writeIds(BinaryWriter w, Optional<IdVocabulary> ids) {
        w.writeBoolean(ids.isPresent());
        ids.ifPresent(v -> w.writeStrings(v.ids()));
    }

    private static Optional<IdVocabulary> readIds(BinaryReader r) {
        if (!r.readBoolean()) return Optional.empty();
        try {
            return Optional.of(new IdVocabulary(r.readStrings("ids")));
        } catch (IllegalArgumentException e) {
            throw r.fail("invalid id vocabulary: " + e.getMessage());
        }
    }

    static BinaryWriter writeParams(Params p) {
        BinaryWriter w = new BinaryWriter();
        w.writeInt(p.layout().groups().size());
        for (ParamGroup g : p.layout().groups()) w.writeString(g.name()).writeString(g.kind().name()).writeInt(g.rows()).writeInt(g.cols());
        return w.writeDoubles(p.toArray());
    }

    static Params readParams(BinaryReader r) {
        int n = r.readCount("parameter groups", 16);
        ParamLayout.Builder b = ParamLayout.builder();
        long size = 0;
        for (int i = 0; i < n; i++) {
            String name = r.readString("group name");
            ParamGroup.Kind kind = enumValue(r, ParamGroup.Kind.class, r.readString("group kind"));
            int rows = r.readInt(), cols = r.readInt();
            if (rows <= 0 || cols <= 0) throw r.fail("group " + name + " has impossible shape " + rows + " x " + cols);
            size += (long) rows * cols;
            if (size > Integer.MAX_VALUE) throw r.fail("layout of more than " + Integer.MAX_VALUE + " parameters");
            if (kind == ParamGroup.Kind.TABLE) b.table(name, rows, cols); else b.dense(name, rows, cols);
        }
        ParamLayout layout;
        try {
            layout = b.build();
        } catch (IllegalArgumentException e) {
            throw r.fail("invalid parameter layout: " + e.getMessage());
        }
        double[] values = r.readDoubles("parameter values");
        if (values.length != layout.size())
            throw r.fail("layout mismatch: the layout has " + layout.size() + " parameters but " + values.length + " values are stored");
        return Params.wrap(layout, values);
    }

    static <E extends Enum<E>> E enumValue(BinaryReader r, Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw r.fail("unknown " + type.getSimpleName() + " '" + name + "'");
        }
    }
}
