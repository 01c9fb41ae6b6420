package dev.metarec.meta;

import dev.metarec.nn.Params;
import dev.metarec.optim.AdamState;

import java.util.Objects;

/**
 * Everything meta-training needs to continue exactly where it stopped: the meta-parameters, Adam's
 * state, the number of outer steps taken, and the position in the task order (tasks consumed; the
 * order itself follows from the seed). {@code taskCount} is the number of tasks it was trained on (0
 * before the first step); resuming on a different task list is refused, since the order would differ.
 * The trainer never changes a state it is given (it advances a copy of the Adam state).
 */
public record MetaTrainState(Params params, AdamState optimizer, long step, long cursor, int taskCount) {
    public MetaTrainState {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(optimizer, "optimizer");
        if (step < 0 || cursor < 0 || taskCount < 0)
            throw new IllegalArgumentException("step " + step + ", cursor " + cursor + ", taskCount " + taskCount + " must be >= 0");
        if (!optimizer.layout().equals(params.layout()))
            throw new IllegalArgumentException("the Adam state's layout does not match the parameters'");
    }

    /** The state before the first step. */
    public static MetaTrainState initial(Params params) {
        params.requireFinite("initial meta-parameters");
        return new MetaTrainState(params, AdamState.initial(params.layout()), 0, 0, 0);
    }
}
