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
 * @param supportShrinkage support shrinkage tau the meta-training's inner loop uses (inner loss sum / (n + tau),
 *                      {@link dev.metarec.nn.ModelConfig#supportShrinkage()}); 0 = MAML's mean loss
 * @param shrinkageGrid candidate tau for adaptation after training, chosen on validation users (with the training tau)
 */
public record NetworkSettings(int embeddingDim, List<Integer> hiddenWidths, double innerLr, double outerLr, int metaBatchSize, List<Double> innerLrGrid,
                              double supportShrinkage, List<Double> shrinkageGrid) {
    /** Candidate support shrinkage for adaptation, chosen on validation users. */
    public static final List<Double> SHRINKAGE_GRID = List.of(0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0);

    public NetworkSettings {
        hiddenWidths = List.copyOf(hiddenWidths);
        innerLrGrid = List.copyOf(innerLrGrid);
        shrinkageGrid = List.copyOf(shrinkageGrid);
        if (!(supportShrinkage >= 0) || !Double.isFinite(supportShrinkage))
            throw new IllegalArgumentException("supportShrinkage must be a finite number >= 0, was " + supportShrinkage);
    }

    public NetworkSettings(int embeddingDim, List<Integer> hiddenWidths, double innerLr, double outerLr, int metaBatchSize, List<Double> innerLrGrid) {
        this(embeddingDim, hiddenWidths, innerLr, outerLr, metaBatchSize, innerLrGrid, 0.0, SHRINKAGE_GRID);
    }

    /** The same settings, meta-training with support shrinkage {@code tau}. */
    public NetworkSettings withSupportShrinkage(double tau) {
        return new NetworkSettings(embeddingDim, hiddenWidths, innerLr, outerLr, metaBatchSize, innerLrGrid, tau, shrinkageGrid);
    }

    /** The same settings with candidate adaptation shrinkages {@code grid} (empty: keep the training tau). */
    public NetworkSettings withShrinkageGrid(List<Double> grid) {
        return new NetworkSettings(embeddingDim, hiddenWidths, innerLr, outerLr, metaBatchSize, innerLrGrid, supportShrinkage, grid);
    }

    /** The training tau followed by the grid, distinct, in that order. */
    public List<Double> shrinkageCandidates() {
        java.util.LinkedHashSet<Double> c = new java.util.LinkedHashSet<>();
        c.add(supportShrinkage);
        c.addAll(shrinkageGrid);
        return List.copyOf(c);
    }

    /** MeLU's shape (32 x slots -> 64 -> 64 -> 1). */
    public static NetworkSettings melu() { return new NetworkSettings(32, List.of(64, 64), 5e-3, 1e-3, 32, List.of(1e-3, 5e-3, 2e-2, 5e-2)); }

    /** Half MeLU's embedding width and hidden widths, about a quarter of its cost: 16 x slots -> 32 -> 32 -> 1. */
    public static NetworkSettings medium() { return new NetworkSettings(16, List.of(32, 32), 1e-2, 2e-3, 32, List.of(1e-3, 5e-3, 2e-2, 5e-2)); }

    /** A smaller network for quick runs and tests. */
    public static NetworkSettings small() { return new NetworkSettings(8, List.of(16, 16), 2e-2, 3e-3, 16, List.of(5e-3, 2e-2, 5e-2)); }
}
