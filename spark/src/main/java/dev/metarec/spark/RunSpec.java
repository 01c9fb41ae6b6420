package dev.metarec.spark;

import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.model.Item;
import dev.metarec.service.TrainingRecipe;
import dev.metarec.service.TrainingRecipes;
import dev.metarec.spark.Rows.ItemRow;

import java.io.Serializable;
import java.util.List;

/**
 * What every executor needs to rebuild the run's {@link TrainingRecipe}: the challenger's starting
 * checkpoint in the checkpoint codec's bytes (config, features, parameters: the model, whatever its kind),
 * the catalogue and the options. Broadcast once per run; the recipe is built once per executor JVM.
 */
record RunSpec(String runId, byte[] checkpoint, List<ItemRow> items, JobOptions options) implements Serializable {
    private static String cachedRun;
    private static TrainingRecipe<?> cached;

    /** This run's recipe on this JVM (built on first use, from the codec's bytes). */
    TrainingRecipe<?> recipe() { return recipeOf(this); }

    private static synchronized TrainingRecipe<?> recipeOf(RunSpec spec) {
        if (!spec.runId.equals(cachedRun)) {
            List<Item> catalogue = spec.items.stream().map(ItemRow::item).toList();
            cached = TrainingRecipes.of(new CheckpointCodec().decode(spec.checkpoint), catalogue, spec.options.metaTrain(), spec.options.serving());
            cachedRun = spec.runId;
        }
        return cached;
    }
}
