package dev.metarec.eval.metrics;

/** The gain of a relevance grade r in DCG. */
public enum Gain {
    /** 2^r - 1 (Burges et al., "Learning to Rank using Gradient Descent", ICML 2005): rewards top grades. */
    EXPONENTIAL,
    /** r itself (Järvelin and Kekäläinen, "Cumulated Gain-Based Evaluation of IR Techniques", TOIS 2002). */
    LINEAR;

    public double of(double relevance) {
        return this == EXPONENTIAL ? Math.pow(2, relevance) - 1 : relevance;
    }
}
