package dev.metarec.eval.method;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.protocol.EvalSplit;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.UserTask;

import java.util.List;

/**
 * What a method may learn from: the split's training tasks (whole histories), its validation tasks
 * (for hyper-parameters and stopping; never test users), the observations of the training period
 * (strict), the data set's feature specs and catalogue, a seed and a budget.
 *
 * @param histories the training users' interaction histories (time order), from which collaborative
 *                  baselines learn item-item structure. By default the training tasks' events; the
 *                  ranking protocol passes each training user's complete history before its cut-off
 *                  ({@link dev.metarec.eval.protocol.RankingSplit}).
 */
public record TrainingData(EvalSplit split, Observations observed, Dataset dataset, long seed, Budget budget, List<List<Rated>> histories) {

    public TrainingData {
        histories = histories.stream().map(List::copyOf).toList();
    }

    /** Training data whose histories are the training tasks' events. */
    public TrainingData(EvalSplit split, Observations observed, Dataset dataset, long seed, Budget budget) {
        this(split, observed, dataset, seed, budget, split.train().stream().map(UserTask::all).toList());
    }
}
