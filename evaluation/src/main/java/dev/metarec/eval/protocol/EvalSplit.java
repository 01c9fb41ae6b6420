package dev.metarec.eval.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One seed's split: training tasks (meta-training data, whole histories visible), validation tasks
 * (held-out training-period users, for stopping and hyper-parameters; never test users) and the test
 * tasks of each scenario.
 */
public record EvalSplit(List<UserTask> train, List<UserTask> validation, Map<String, List<UserTask>> scenarios) {
    public EvalSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        scenarios = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scenarios));
        if (train.isEmpty()) throw new IllegalArgumentException("a split needs training tasks");
    }

    /** Observations a strict evaluation may use: training histories only. */
    public Observations strictObservations() {
        return Observations.of(train.stream().map(UserTask::all).toList());
    }

    /** Warm-up: training histories plus every test and validation task's support set (never a query). */
    public Observations warmUpObservations() {
        Observations o = strictObservations();
        o = o.plus(validation.stream().map(UserTask::support).toList());
        for (List<UserTask> tasks : scenarios.values()) o = o.plus(tasks.stream().map(UserTask::support).toList());
        return o;
    }
}
