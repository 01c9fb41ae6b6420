package dev.metarec.service;

import dev.metarec.meta.Learner;
import dev.metarec.meta.MetaTrainConfig;

import java.util.List;
import java.util.Objects;

/**
 * Tunables of the scheduled meta-training.
 *
 * @param embeddingDim      embedding width of a new model (MeLU: 32)
 * @param hiddenWidths      MLP widths of a new model (MeLU: 64, 64)
 * @param learner           outer-loop algorithm
 * @param innerSteps        inner steps during meta-training
 * @param innerLr           inner learning rate (initial, for Meta-SGD)
 * @param metaLr            Adam step size
 * @param metaBatchSize     tasks per outer step
 * @param threads           worker threads of the outer loop
 * @param seed              seed of initialisation and task order
 * @param targetSteps       outer steps of one run; a run longer than one invocation's budget resumes
 * @param minEvents         users with fewer events make no task
 * @param queryFraction     share of a user's most recent events held out as the query set
 * @param maxQuery          most query events per task
 * @param validationPercent percentage of users (by a hash of the id) held out to compare challenger and champion
 * @param maxValidationUsers cap on validation users
 * @param promotionMargin   the challenger's validation loss must be below the champion's by this much
 * @param checkpointEvery   outer steps between progress saves
 * @param supportShrinkage  tau of a new model: inner steps scaled by n / (n + tau) for a support of weight n, so
 *                          one or two events move a user's weights less than fifty do (5: chosen on MovieLens
 *                          100K validation users, docs/RESULTS.md; 0 = plain mean loss)
 */
public record MetaTrainSettings(int embeddingDim, List<Integer> hiddenWidths, Learner learner, int innerSteps, double innerLr,
                                double metaLr, int metaBatchSize, int threads, long seed, int targetSteps, int minEvents,
                                double queryFraction, int maxQuery, int validationPercent, int maxValidationUsers,
                                double promotionMargin, int checkpointEvery, double supportShrinkage) {
    public MetaTrainSettings {
        Objects.requireNonNull(learner, "learner");
        hiddenWidths = List.copyOf(hiddenWidths);
        if (targetSteps < 1) throw new IllegalArgumentException("targetSteps must be >= 1, was " + targetSteps);
        if (minEvents < 2) throw new IllegalArgumentException("minEvents must be >= 2 (support and query), was " + minEvents);
        if (!(queryFraction > 0 && queryFraction < 1)) throw new IllegalArgumentException("queryFraction must be in (0, 1), was " + queryFraction);
        if (validationPercent < 0 || validationPercent > 50) throw new IllegalArgumentException("validationPercent must be in [0, 50], was " + validationPercent);
        if (checkpointEvery < 1) throw new IllegalArgumentException("checkpointEvery must be >= 1, was " + checkpointEvery);
        if (!(supportShrinkage >= 0) || !Double.isFinite(supportShrinkage))
            throw new IllegalArgumentException("supportShrinkage must be a finite number >= 0, was " + supportShrinkage);
    }

    /** MeLU-size model, first-order MAML. */
    public static final MetaTrainSettings DEFAULT = new MetaTrainSettings(32, List.of(64, 64), Learner.FIRST_ORDER_MAML, 1, 5e-3,
            1e-3, 32, 2, 42L, 3000, 4, 0.2, 10, 10, 1000, 0.0, 50, 5.0);

    /** A small model that trains in seconds: local demo and tests. */
    public static final MetaTrainSettings DEMO = new MetaTrainSettings(8, List.of(32, 16), Learner.FIRST_ORDER_MAML, 1, 5e-2,
            5e-3, 16, 1, 42L, 150, 4, 0.2, 10, 10, 200, 0.0, 50, 5.0);

    public MetaTrainConfig trainerConfig() {
        return MetaTrainConfig.defaults(learner).withInnerSteps(innerSteps).withInnerLr(innerLr).withMetaLr(metaLr)
                .withMetaBatchSize(metaBatchSize).withThreads(threads).withSeed(seed);
    }

    public MetaTrainSettings withTargetSteps(int n) {
        return new MetaTrainSettings(embeddingDim, hiddenWidths, learner, innerSteps, innerLr, metaLr, metaBatchSize, threads, seed, n,
                minEvents, queryFraction, maxQuery, validationPercent, maxValidationUsers, promotionMargin, checkpointEvery, supportShrinkage);
    }

    public MetaTrainSettings withSeed(long s) {
        return new MetaTrainSettings(embeddingDim, hiddenWidths, learner, innerSteps, innerLr, metaLr, metaBatchSize, threads, s, targetSteps,
                minEvents, queryFraction, maxQuery, validationPercent, maxValidationUsers, promotionMargin, checkpointEvery, supportShrinkage);
    }

    public MetaTrainSettings withThreads(int t) {
        return new MetaTrainSettings(embeddingDim, hiddenWidths, learner, innerSteps, innerLr, metaLr, metaBatchSize, t, seed, targetSteps,
                minEvents, queryFraction, maxQuery, validationPercent, maxValidationUsers, promotionMargin, checkpointEvery, supportShrinkage);
    }
}
