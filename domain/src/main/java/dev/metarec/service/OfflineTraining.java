package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.meta.MetaTrainState;
import dev.metarec.meta.MetaTrainer;
import dev.metarec.meta.Task;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One meta-training run on data in memory, with no stores: the steps {@link MetaTrainService} takes for a first run
 * that fits in one invocation (the same {@link TrainingWindow}, challenger design, tasks, trainer, calibration and
 * {@link RankFit rank prior}), without the promotion gate. The evaluation tool trains what production serves with it.
 */
public final class OfflineTraining {
    private OfflineTraining() {}

    /** The checkpoint a first run on these events, catalogue and profiles would promote; {@code runId} names it. */
    public static Checkpoint train(String runId, Iterable<Event> events, Collection<Item> catalogue, Map<String, UserProfile> profiles,
                                   MetaTrainSettings settings, ServiceSettings serving, TrainingGuards guards, Instant now) {
        TrainingData data = TrainingData.windowed(events, catalogue, profiles, guards);
        if (data.items.isEmpty()) throw new IllegalArgumentException("no items: a catalogue is needed to train");
        Checkpoint start = MetaTrainService.challenger(runId, Optional.empty(), data, settings, serving, guards, now);
        return train(TrainingRecipes.of(start, data.items, settings, serving), start, data, settings, serving, now);
    }

    private static <B> Checkpoint train(TrainingRecipe<B> recipe, Checkpoint start, TrainingData data, MetaTrainSettings settings,
                                        ServiceSettings serving, Instant now) {
        List<Task<B>> train = data.tasks(false, recipe, settings);
        List<Task<B>> validation = data.tasks(true, recipe, settings);
        MetaTrainState state = MetaTrainState.initial(start.params());
        try (MetaTrainer<B> trainer = new MetaTrainer<>(recipe.model(), settings.trainerConfig())) {
            while (!train.isEmpty() && state.step() < settings.targetSteps()) state = trainer.step(state, train, r -> { });
            double loss = validation.isEmpty() ? Double.NaN : trainer.evaluate(state.params(), validation);
            return MetaTrainService.finished(recipe, state, loss, train, data, settings, serving, now);
        }
    }
}
