package dev.metarec.service;

import dev.metarec.nn.Objective;
import dev.metarec.port.ItemStatsStore.ItemStats;

/**
 * The warm-up bias of an item, in the spirit of MetaEmb (Pan et al., "Warm Up Cold-start
 * Advertisements: Improving CTR Predictions via Learning to Learn ID Embeddings", SIGIR 2019) and MWUF
 * (Zhu et al., "Learning to Warm Up Cold Item Embeddings for Cold-start Recommendation with Meta Scaling
 * and Shifting Networks", SIGIR 2021): a new item starts from what its attributes predict (offset 0) and
 * moves with the residuals observed from every user, shrunk towards 0 while evidence is thin:
 * <pre>offset = scale * residualSum / (count + lambda)</pre>
 * with scale 1 for squared error (residuals are in rating units) and 4 for the logistic objective
 * (residuals y - p are in probability units; 1 / (p (1 - p)) = 4 at p = 1/2 is one Newton step on the logit).
 */
public final class ItemWarmUp {
    private ItemWarmUp() {}

    public static double offset(ItemStats stats, double lambda, Objective objective) {
        if (stats == null || stats.count() == 0) return 0.0;
        double scale = objective == Objective.SQUARED_ERROR ? 1.0 : 4.0;
        double o = scale * stats.residualSum() / (stats.count() + lambda);
        return Double.isFinite(o) ? o : 0.0;
    }
}
