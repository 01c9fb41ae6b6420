package dev.metarec.spark;

import dev.metarec.meta.Learner;
import dev.metarec.service.MetaTrainSettings;
import dev.metarec.service.ServiceSettings;

import java.io.Serializable;
import java.util.List;

/**
 * The job's tunables, serializable so that every executor rebuilds the same domain settings from them.
 *
 * @param preset        "default" ({@link MetaTrainSettings#DEFAULT}) or "demo" ({@link MetaTrainSettings#DEMO})
 * @param learner       overrides the preset's learner when not null
 * @param targetSteps   overrides the preset's outer steps when > 0
 * @param metaBatchSize overrides the preset's tasks per outer step when > 0
 * @param innerSteps    overrides the preset's inner steps when > 0
 * @param seed          overrides the preset's seed when not null
 * @param partitions    user partitions (Spark tasks per outer step); 0 = the context's default parallelism
 * @param fanIn         partial gradients summed per node of the reduction tree (>= 2)
 */
public record JobOptions(String preset, Learner learner, int targetSteps, int metaBatchSize, int innerSteps, Long seed,
                         int partitions, int fanIn) implements Serializable {
    public JobOptions {
        if (!preset.equals("default") && !preset.equals("demo"))
            throw new IllegalArgumentException("preset must be 'default' or 'demo', was '" + preset + "'");
        if (fanIn < 2) throw new IllegalArgumentException("fanIn must be >= 2, was " + fanIn);
        if (partitions < 0) throw new IllegalArgumentException("partitions must be >= 0, was " + partitions);
    }

    public static JobOptions defaults() { return new JobOptions("default", null, 0, 0, 0, null, 0, 16); }

    public JobOptions withPreset(String p) { return new JobOptions(p, learner, targetSteps, metaBatchSize, innerSteps, seed, partitions, fanIn); }

    public JobOptions withLearner(Learner l) { return new JobOptions(preset, l, targetSteps, metaBatchSize, innerSteps, seed, partitions, fanIn); }

    public JobOptions withTargetSteps(int n) { return new JobOptions(preset, learner, n, metaBatchSize, innerSteps, seed, partitions, fanIn); }

    public JobOptions withMetaBatchSize(int n) { return new JobOptions(preset, learner, targetSteps, n, innerSteps, seed, partitions, fanIn); }

    public JobOptions withInnerSteps(int n) { return new JobOptions(preset, learner, targetSteps, metaBatchSize, n, seed, partitions, fanIn); }

    public JobOptions withSeed(long s) { return new JobOptions(preset, learner, targetSteps, metaBatchSize, innerSteps, s, partitions, fanIn); }

    public JobOptions withPartitions(int p) { return new JobOptions(preset, learner, targetSteps, metaBatchSize, innerSteps, seed, p, fanIn); }

    public JobOptions withFanIn(int f) { return new JobOptions(preset, learner, targetSteps, metaBatchSize, innerSteps, seed, partitions, f); }

    /** The meta-training settings these options stand for (threads 1: Spark's tasks are the parallelism). */
    public MetaTrainSettings metaTrain() {
        MetaTrainSettings p = preset.equals("demo") ? MetaTrainSettings.DEMO : MetaTrainSettings.DEFAULT;
        List<Integer> widths = p.hiddenWidths();
        return new MetaTrainSettings(p.embeddingDim(), widths, learner != null ? learner : p.learner(),
                innerSteps > 0 ? innerSteps : p.innerSteps(), p.innerLr(), p.metaLr(), metaBatchSize > 0 ? metaBatchSize : p.metaBatchSize(),
                1, seed != null ? seed : p.seed(), targetSteps > 0 ? targetSteps : p.targetSteps(), p.minEvents(), p.queryFraction(),
                p.maxQuery(), p.validationPercent(), p.maxValidationUsers(), p.promotionMargin(), p.checkpointEvery(), p.supportShrinkage());
    }

    public ServiceSettings serving() { return ServiceSettings.DEFAULT; }
}
