package dev.metarec.eval.data;

import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticDataset;
import dev.metarec.synthetic.SyntheticGenerator;

import java.nio.file.Path;
import java.util.List;

/** Loads a data set by name: ml-100k, ml-1m, ml-latest-small, custom (generic CSV/JSONL), synthetic. */
public final class Datasets {
    public static final List<String> NAMES = List.of("ml-100k", "ml-1m", "ml-latest-small", "custom", "synthetic");

    private Datasets() {}

    public static Dataset load(String name, Path dir, long seed) {
        return switch (name) {
            case "ml-100k" -> MovieLens100k.load(dir);
            case "ml-1m" -> MovieLens1m.load(dir);
            case "ml-latest-small" -> MovieLensLatestSmall.load(dir);
            case "custom" -> GenericDataset.load(dir);
            case "synthetic" -> fromSynthetic(SyntheticGenerator.generate(SyntheticConfig.small(), seed));
            default -> throw new IllegalArgumentException("dataset must be one of " + NAMES + ", was '" + name + "'");
        };
    }

    /** The synthetic world's ratings as an explicit data set (its clicks are dropped). */
    public static Dataset fromSynthetic(SyntheticDataset s) {
        return new Dataset("synthetic", s.items(), s.users(), s.ratings(), SyntheticDataset.userFeatures(), SyntheticDataset.itemFeatures());
    }
}
