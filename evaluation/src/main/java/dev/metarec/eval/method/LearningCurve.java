package dev.metarec.eval.method;

import java.util.List;

/** Loss at evaluation points of a training run: x (e.g. outer steps), training loss, validation loss. */
public record LearningCurve(List<double[]> points) {
    public static final LearningCurve EMPTY = new LearningCurve(List.of());

    public LearningCurve {
        points = List.copyOf(points);
        for (double[] p : points) if (p.length != 3) throw new IllegalArgumentException("a curve point is {x, train, validation}");
    }
}
