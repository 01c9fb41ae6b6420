package dev.metarec.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the serving services.
 *
 * @param adaptSteps            inner-loop steps per adaptation
 * @param adaptWindow           most recent events used as the support set
 * @param recencyDecay          weight of the i-th most recent event is decay^i (drift: recent events count more)
 * @param itemBiasShrinkage     lambda of the warm-up bias residualSum / (count + lambda)
 * @param newItemMaxCount       an item with fewer interactions than this is "new" (exploration)
 * @param seenLimit             most events read to build the seen set
 * @param categoryAttribute     the item attribute that category filters match
 * @param championRefresh       how often a warm container re-reads the champion pointer
 * @param statsRefresh          how often the item statistics are re-read
 * @param viewTarget            squared-error target of a view event (ratings scale)
 * @param clickTarget           squared-error target of a click event
 * @param purchaseTarget        squared-error target of a purchase event
 * @param positiveRating        a rating at or above this is a positive (logistic/BPR objectives, stats)
 * @param explanationSlots      top contributing attributes returned per item
 * @param exactScoringLimit     a request with more eligible items than this is scored in two stages (a first stage
 *                              estimates every item, the best {@code rerankSize} are scored exactly; see
 *                              {@code PreferenceNetwork.scoreAll(.., int exact)}); up to it every item is scored exactly
 * @param rerankSize            items the first stage passes to exact scoring, at least 1
 */
public record ServiceSettings(int adaptSteps, int adaptWindow, double recencyDecay, double itemBiasShrinkage, int newItemMaxCount,
                              int seenLimit, String categoryAttribute, Duration championRefresh, Duration statsRefresh,
                              double viewTarget, double clickTarget, double purchaseTarget, double positiveRating, int explanationSlots,
                              int exactScoringLimit, int rerankSize) {

    public static final ServiceSettings DEFAULT = new ServiceSettings(5, 50, 0.95, 10.0, 5, 1000, "genre",
            Duration.ofSeconds(5), Duration.ofSeconds(2), 3.5, 4.0, 5.0, 4.0, 3, 2_000, 300);

    public ServiceSettings {
        Objects.requireNonNull(categoryAttribute, "categoryAttribute");
        if (adaptSteps < 0) throw new IllegalArgumentException("adaptSteps must be >= 0, was " + adaptSteps);
        if (adaptWindow < 1) throw new IllegalArgumentException("adaptWindow must be >= 1, was " + adaptWindow);
        if (!(recencyDecay > 0 && recencyDecay <= 1)) throw new IllegalArgumentException("recencyDecay must be in (0, 1], was " + recencyDecay);
        if (!(itemBiasShrinkage >= 0) || !Double.isFinite(itemBiasShrinkage)) throw new IllegalArgumentException("itemBiasShrinkage must be finite and >= 0, was " + itemBiasShrinkage);
        if (rerankSize < 1) throw new IllegalArgumentException("rerankSize must be >= 1, was " + rerankSize);
        if (exactScoringLimit < rerankSize) throw new IllegalArgumentException("exactScoringLimit (" + exactScoringLimit + ") must be >= rerankSize (" + rerankSize + ")");
        if (seenLimit < adaptWindow) throw new IllegalArgumentException("seenLimit (" + seenLimit + ") must be >= adaptWindow (" + adaptWindow + ")");
    }

    public ServiceSettings withAdaptSteps(int s) {
        return new ServiceSettings(s, adaptWindow, recencyDecay, itemBiasShrinkage, newItemMaxCount, seenLimit, categoryAttribute,
                championRefresh, statsRefresh, viewTarget, clickTarget, purchaseTarget, positiveRating, explanationSlots,
                exactScoringLimit, rerankSize);
    }

    public ServiceSettings withRefresh(Duration champion, Duration stats) {
        return new ServiceSettings(adaptSteps, adaptWindow, recencyDecay, itemBiasShrinkage, newItemMaxCount, seenLimit, categoryAttribute,
                champion, stats, viewTarget, clickTarget, purchaseTarget, positiveRating, explanationSlots,
                exactScoringLimit, rerankSize);
    }

    /** Two-stage scoring above {@code limit} eligible items, {@code rerank} of them scored exactly. */
    public ServiceSettings withScoring(int limit, int rerank) {
        return new ServiceSettings(adaptSteps, adaptWindow, recencyDecay, itemBiasShrinkage, newItemMaxCount, seenLimit, categoryAttribute,
                championRefresh, statsRefresh, viewTarget, clickTarget, purchaseTarget, positiveRating, explanationSlots, limit, rerank);
    }

    /** How many of {@code eligible} items a request scores exactly: all of them up to {@link #exactScoringLimit}, else {@link #rerankSize}. */
    public int exactScored(int eligible) { return eligible > exactScoringLimit ? rerankSize : eligible; }

    public ServiceSettings withCategoryAttribute(String a) {
        return new ServiceSettings(adaptSteps, adaptWindow, recencyDecay, itemBiasShrinkage, newItemMaxCount, seenLimit, a,
                championRefresh, statsRefresh, viewTarget, clickTarget, purchaseTarget, positiveRating, explanationSlots,
                exactScoringLimit, rerankSize);
    }
}
