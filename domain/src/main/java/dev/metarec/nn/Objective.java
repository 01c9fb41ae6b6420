package dev.metarec.nn;

/** What the network's score is trained to predict. */
public enum Objective {
    /** Explicit ratings: prediction = score, loss = (score - target)^2. */
    SQUARED_ERROR,
    /** Implicit feedback: p = sigmoid(score), loss = log-loss against target in {0, 1} (sampled negatives). */
    LOGISTIC,
    /** Implicit feedback, pairwise: loss = -log sigmoid(score(pos) - score(neg)) (Rendle et al., UAI 2009). */
    BPR
}
