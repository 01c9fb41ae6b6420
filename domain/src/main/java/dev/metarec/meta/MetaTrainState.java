package dev.metarec.meta;

import dev.metarec.nn.Params;

import java.util.Objects;

/**
 * Everything meta-training needs to continue exactly where it stopped: the meta-parameters, the
 * optimiser's state, the number of outer steps taken, and the position in the task order (tasks
 * consumed; the order itself follows from the seed). {@code taskCount} is the number of tasks it was
 * trained on (0 before the first step); resuming on a different task list is refused, since the order would differ.
 */
public record MetaTrainState(Params params, TemporaryAdam.State optimizer, long step, long cursor, int taskCount) {
    public MetaTrainState {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(optimizer, "optimizer");
        if (step < 0 || cursor < 0 || taskCount < 0)
            throw new IllegalArgumentException("step " + step + ", cursor " + cursor + ", taskCount " + taskCount + " must be >= 0");
    }

    /** The state before the first step. */
    public static MetaTrainState initial(Params params) {
        params.requireFinite("initial meta-parameters");
        return new MetaTrainState(params, TemporaryAdam.init(params.size()), 0, 0, 0);
    }
}
