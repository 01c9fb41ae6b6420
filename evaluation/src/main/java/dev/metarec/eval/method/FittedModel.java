package dev.metarec.eval.method;

import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.UserTask;

import java.util.List;

/** A trained method, ready to predict a task's query after seeing its support. Thread-safe. */
public interface FittedModel {

    /** Adaptation step counts at which it should be evaluated ({@code [0]} for methods that do not adapt). */
    List<Integer> stepCounts();

    /**
     * The step counts the few-shot ranking curve reports, e.g. 0 and the adapted count, so that the curve
     * shows "adapted vs 0 steps" without scoring the whole catalogue at every count of the sweep.
     * Default: {@link #stepCounts()}.
     */
    default List<Integer> rankingStepCounts() { return stepCounts(); }

    /**
     * Predicted values for {@code task.query()}, in order, after seeing {@code task.support()} (with
     * {@code steps} adaptation steps) and the item {@code observed} data of the variant being evaluated.
     */
    double[] predict(UserTask task, Observations observed, int steps);

    /**
     * As {@link #predict}, with a weight per support event (recency weighting for drift). Methods that
     * cannot weight their evidence ignore the weights.
     */
    default double[] predictWeighted(UserTask task, Observations observed, int steps, double[] supportWeights) {
        return predict(task, observed, steps);
    }

    /** False for rankers (popularity, random) whose scores are not on the rating scale: no MAE for them. */
    default boolean predictsRatings() { return true; }

    /** Training and validation loss per checkpoint, when the method trains iteratively. */
    default LearningCurve learningCurve() { return LearningCurve.EMPTY; }
}
