package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.meta.Task;
import dev.metarec.meta.TaskModel;
import dev.metarec.model.Event;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.Params;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What meta-training needs to know about the kind of model it trains, so that every trainer (the
 * in-process {@link MetaTrainService}, the Spark job) trains whatever model the champion is without
 * knowing its batch type {@code B}: the {@link TaskModel} the learners differentiate, the task of one
 * user built from that user's events (the same code wherever the users live), and the checkpoint a
 * finished run offers for promotion. {@link TrainingRecipes#of} picks the recipe for a checkpoint.
 *
 * <p>Implementations are immutable and thread-safe (tasks are built on several threads or machines).
 */
public interface TrainingRecipe<B> {

    /** Training tasks a finished run's {@link #finish} looks at, at most (the first ones in task order). */
    int CALIBRATION_TASKS = 5001;

    /** The challenger as the run started: configuration, features and initial parameters; its id is the run's. */
    Checkpoint start();

    /** The model the learners see, for the start's configuration and features. */
    TaskModel<B> model();

    /**
     * This user's task: the most recent events are the query set, the ones before them the support set.
     * Empty when the user has fewer than the settings' minimum events, or either set comes out empty.
     *
     * @param events the user's events, oldest first ({@link TrainingRecipes#OLDEST_FIRST})
     */
    Optional<Task<B>> task(String userId, List<Event> events, UserProfile profile);

    /** The range of the training targets over {@code events}, when the objective has one (served scores are clamped into it). */
    Optional<TargetRange> targetRange(Iterable<Event> events);

    /**
     * The checkpoint a finished run offers for promotion: the trained parameters and the metrics serving
     * reads (validation loss, calibration of the unadapted prior, target range).
     *
     * @param leadingTrainingTasks the first training tasks in task order (at least {@link #CALIBRATION_TASKS}, or all)
     */
    Checkpoint finish(Params trained, long steps, double validationLoss, List<Task<B>> leadingTrainingTasks,
                      Optional<TargetRange> targetRange, Instant now);

    /** The smallest and largest training target seen; {@link #merge} combines the ranges of parts of the data. */
    record TargetRange(double lo, double hi) {
        public TargetRange {
            if (!(lo <= hi)) throw new IllegalArgumentException("target range [" + lo + ", " + hi + "] is empty or not a number");
        }

        public TargetRange merge(TargetRange other) { return new TargetRange(Math.min(lo, other.lo), Math.max(hi, other.hi)); }
    }
}
