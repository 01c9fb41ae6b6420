package dev.metarec.eval.method;

/** A way to predict ratings (a floor, a baseline or metarec) that can be trained on a split. */
public interface RatingMethod {
    String name();

    FittedModel fit(TrainingData data, Progress progress);
}
