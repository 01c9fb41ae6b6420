package dev.metarec.meta;

import dev.metarec.features.EncodedEntity;
import dev.metarec.nn.Params;

import java.util.List;

/**
 * One user's examples. The loss over a batch is the weighted mean sum(w_i * l_i) / sum(w_i). {@code prepared} (may be
 * null) holds what a model computed once for these examples and the meta-parameters {@link Prepared#meta()}
 * ({@link TaskModel#prepare}); it is used only with those same parameters.
 */
public record Batch(EncodedEntity user, List<Example> examples, Prepared prepared) {
    public Batch {
        examples = List.copyOf(examples);
        if (prepared != null) {
            if (prepared.items().length != examples.size() || prepared.negatives().length != examples.size())
                throw new IllegalArgumentException("prepared values for " + prepared.items().length + " examples, the batch has " + examples.size());
        }
    }

    public Batch(EncodedEntity user, List<Example> examples) { this(user, examples, null); }

    /**
     * Per example, a model's values for its item and its negative (null where it has none) that depend only on
     * {@code meta}: for a preference network whose first layer is shared, the item's share of that layer.
     */
    public record Prepared(Params meta, double[][] items, double[][] negatives) {}

    /** This batch with {@code prepared}. */
    public Batch with(Prepared prepared) { return new Batch(user, examples, prepared); }

    public int size() { return examples.size(); }

    public double totalWeight() {
        double s = 0;
        for (Example e : examples) s += e.weight();
        return s;
    }
}
