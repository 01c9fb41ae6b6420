package dev.metarec.eval.method;

/**
 * How much training each method may do: passes over the training tasks for the pooled and meta-trained
 * networks, inner steps k, Tribuo FM epochs, worker threads, and validation checks per run.
 */
public record Budget(int epochs, int innerSteps, int fmEpochs, int threads, int validationChecks) {
    public Budget {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        if (innerSteps < 1) throw new IllegalArgumentException("innerSteps must be >= 1, was " + innerSteps);
        if (fmEpochs < 1) throw new IllegalArgumentException("fmEpochs must be >= 1, was " + fmEpochs);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        if (validationChecks < 1) throw new IllegalArgumentException("validationChecks must be >= 1, was " + validationChecks);
    }

    public static Budget standard() { return new Budget(20, 5, 10, 2, 10); }

    public static Budget quick() { return new Budget(2, 2, 2, 1, 2); }
}
