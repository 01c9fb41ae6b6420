package dev.metarec.checkpoint;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a checkpoint came from: when it was made, by which learner (e.g. "maml", "fomaml",
 * "reptile", "meta-sgd"), after how many meta-training steps, and its validation metrics by name
 * (e.g. "val.mae" -> 0.74). Metrics are finite and kept sorted by name.
 */
public record CheckpointMetadata(Instant createdAt, String learner, long trainingStep, SortedMap<String, Double> metrics) {
    public CheckpointMetadata {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(learner, "learner");
        if (trainingStep < 0) throw new IllegalArgumentException("trainingStep must be >= 0, was " + trainingStep);
        TreeMap<String, Double> copy = new TreeMap<>();
        metrics.forEach((name, value) -> {
            if (value == null || !Double.isFinite(value))
                throw new IllegalArgumentException("metric " + name + " must be a finite number, was " + value);
            copy.put(Objects.requireNonNull(name, "metric name"), value);
        });
        metrics = Collections.unmodifiableSortedMap(copy);
    }

    public static CheckpointMetadata of(Instant createdAt, String learner, long trainingStep, Map<String, Double> metrics) {
        return new CheckpointMetadata(createdAt, learner, trainingStep, new TreeMap<>(metrics));
    }
}
