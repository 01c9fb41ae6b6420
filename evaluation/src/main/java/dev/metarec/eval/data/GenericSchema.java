package dev.metarec.eval.data;

import dev.metarec.features.FeatureKind;
import dev.metarec.features.FeatureSpec;
import dev.metarec.model.Attributes;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Feature kinds for the generic format: read from {@code schema.csv} ({@code side,attribute,kind[,buckets]},
 * side user|item, kind categorical|multi|numeric) or inferred: every value a number gives NUMERIC with 8
 * buckets; any entity with several values gives MULTI; otherwise CATEGORICAL.
 */
record GenericSchema(List<FeatureSpec> userFeatures, List<FeatureSpec> itemFeatures) {

    static GenericSchema loadOrInfer(Path schemaFile, Collection<Item> items, Collection<UserProfile> users) {
        if (Files.isRegularFile(schemaFile)) return load(schemaFile);
        return new GenericSchema(infer(users.stream().map(UserProfile::attributes).toList()), infer(items.stream().map(Item::attributes).toList()));
    }

    private static GenericSchema load(Path file) {
        List<FeatureSpec> user = new ArrayList<>(), item = new ArrayList<>();
        TextFile.forEachLine(file, GenericDataset.CHARSET, (line, n) -> {
            List<String> f = Csv.split(line);
            if (n == 1 && f.get(0).trim().equalsIgnoreCase("side")) return;
            if (f.size() < 3 || f.size() > 4) throw new IllegalArgumentException("expected side,attribute,kind[,buckets], got " + f.size() + " fields");
            String side = f.get(0).trim().toLowerCase(Locale.ROOT);
            String name = f.get(1).trim();
            FeatureKind kind;
            try {
                kind = FeatureKind.valueOf(f.get(2).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kind must be categorical, multi or numeric, was '" + f.get(2) + "'");
            }
            int buckets = f.size() == 4 ? TextFile.parseInt(f.get(3), "buckets") : 8;
            FeatureSpec spec = switch (kind) {
                case CATEGORICAL -> FeatureSpec.categorical(name);
                case MULTI -> FeatureSpec.multi(name);
                case NUMERIC -> FeatureSpec.numeric(name, buckets);
            };
            switch (side) {
                case "user" -> user.add(spec);
                case "item" -> item.add(spec);
                default -> throw new IllegalArgumentException("side must be user or item, was '" + f.get(0) + "'");
            }
        });
        return new GenericSchema(user, item);
    }

    static List<FeatureSpec> infer(List<Attributes> entities) {
        Map<String, boolean[]> seen = new LinkedHashMap<>(); // [allNumeric, multi]
        for (Attributes a : entities) {
            a.values().forEach((name, values) -> {
                boolean[] s = seen.computeIfAbsent(name, k -> new boolean[]{true, false});
                if (values.size() > 1) s[1] = true;
                for (String v : values) if (!isNumber(v)) s[0] = false;
            });
        }
        List<FeatureSpec> out = new ArrayList<>();
        seen.forEach((name, s) -> out.add(s[1] ? FeatureSpec.multi(name) : s[0] ? FeatureSpec.numeric(name, 8) : FeatureSpec.categorical(name)));
        return out;
    }

    private static boolean isNumber(String v) {
        try {
            return Double.isFinite(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
