package dev.metarec.meta;

/** Called on the training thread after every outer step. */
@FunctionalInterface
public interface MetaTrainListener {
    MetaTrainListener NONE = report -> {};

    void onStep(StepReport report);
}
