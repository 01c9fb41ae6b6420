package dev.metarec.meta;

import dev.metarec.features.EncodedEntity;

import java.util.List;

/** One user's examples. The loss over a batch is the weighted mean sum(w_i * l_i) / sum(w_i). */
public record Batch(EncodedEntity user, List<Example> examples) {
    public Batch {
        examples = List.copyOf(examples);
    }

    public int size() { return examples.size(); }

    public double totalWeight() {
        double s = 0;
        for (Example e : examples) s += e.weight();
        return s;
    }
}
