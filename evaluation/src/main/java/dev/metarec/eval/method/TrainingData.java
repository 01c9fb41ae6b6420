package dev.metarec.eval.method;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.protocol.EvalSplit;
import dev.metarec.eval.protocol.Observations;

/**
 * What a method may learn from: the split's training tasks (whole histories), its validation tasks
 * (for hyper-parameters and stopping; never test users), the observations of the training period
 * (strict), the data set's feature specs and catalogue, a seed and a budget.
 */
public record TrainingData(EvalSplit split, Observations observed, Dataset dataset, long seed, Budget budget) {}
