package dev.metarec.eval.method;

import java.util.List;

/**
 * Shape and optimiser settings of the network methods (pooled and meta-trained).
 *
 * @param embeddingDim  embedding width per attribute (MeLU: 32)
 * @param hiddenWidths  MLP widths (MeLU: 64, 64)
 * @param innerLr       inner-loop rate (MeLU: 5e-3)
 * @param outerLr       Adam step size of the outer loop / pooled training
 * @param metaBatchSize tasks per outer step
 * @param innerLrGrid   candidate inner rates for per-user fine-tuning, chosen on validation users
 */
public record NetworkSettings(int embeddingDim, List<Integer> hiddenWidths, double innerLr, double outerLr, int metaBatchSize, List<Double> innerLrGrid) {
    public NetworkSettings {
        hiddenWidths = List.copyOf(hiddenWidths);
        innerLrGrid = List.copyOf(innerLrGrid);
    }

    /** MeLU's shape (32 x slots -> 64 -> 64 -> 1). */
    public static NetworkSettings melu() { return new NetworkSettings(32, List.of(64, 64), 5e-3, 1e-3, 32, List.of(1e-3, 5e-3, 2e-2, 5e-2)); }

    /** Half MeLU's embedding width and hidden widths, about a quarter of its cost: 16 x slots -> 32 -> 32 -> 1. */
    public static NetworkSettings medium() { return new NetworkSettings(16, List.of(32, 32), 1e-2, 2e-3, 32, List.of(1e-3, 5e-3, 2e-2, 5e-2)); }

    /** A smaller network for quick runs and tests. */
    public static NetworkSettings small() { return new NetworkSettings(8, List.of(16, 16), 2e-2, 3e-3, 16, List.of(5e-3, 2e-2, 5e-2)); }
}
