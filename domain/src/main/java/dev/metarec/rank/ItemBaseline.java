package dev.metarec.rank;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per item, its shrunk mean deviation on the training users' events from the mean target plus what its attributes'
 * items say on average, fitted when a meta-training run starts ({@code dev.metarec.service.ItemBaselines}): the
 * item-level signal a network over attributes lacks (two films with the same genres and year differ here). The network is meta-trained on top of it (every example's offset), serving adds it
 * to the network's score, and ingest measures the warm-up residuals against the score with it, so the warm-up statistics
 * move an item from this starting point. An item without a baseline (new, or unseen in training) starts at 0. Immutable.
 */
public final class ItemBaseline {
    public static final ItemBaseline NONE = new ItemBaseline(List.of(), new double[0]);

    private final List<String> items;
    private final double[] bias;
    private final Map<String, Double> byId;

    /** @param items item ids, strictly increasing; {@code bias} one finite value each */
    public ItemBaseline(List<String> items, double[] bias) {
        if (items.size() != bias.length) throw new IllegalArgumentException(items.size() + " items but " + bias.length + " biases");
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < bias.length; i++) {
            String id = Objects.requireNonNull(items.get(i), "item id");
            if (i > 0 && items.get(i - 1).compareTo(id) >= 0) throw new IllegalArgumentException("item ids must be strictly increasing at #" + i);
            if (!Double.isFinite(bias[i])) throw new IllegalArgumentException("item " + id + ": baseline " + bias[i] + " is not finite");
            m.put(id, bias[i]);
        }
        this.items = List.copyOf(items);
        this.bias = bias.clone();
        this.byId = Map.copyOf(m);
    }

    /** The item's baseline, 0 for an item without one. */
    public double of(String itemId) { return byId.getOrDefault(itemId, 0.0); }

    public List<String> items() { return items; }

    public double[] values() { return bias.clone(); }

    public boolean isEmpty() { return items.isEmpty(); }

    @Override public boolean equals(Object o) { return o instanceof ItemBaseline b && items.equals(b.items) && Arrays.equals(bias, b.bias); }

    @Override public int hashCode() { return 31 * items.hashCode() + Arrays.hashCode(bias); }

    @Override public String toString() { return "ItemBaseline[" + items.size() + " items]"; }
}
