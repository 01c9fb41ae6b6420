package dev.metarec.eval.method;

import dev.metarec.eval.metrics.RatingMetrics;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.model.Item;

import java.util.List;

/**
 * The shrunk bias floor: global mean + item bias (attribute prior for new items) + user offset from the
 * support set ({@link BiasEstimator}). The shrinkage constants are chosen on the validation users
 * (lowest query MAE) from a small grid; the attribute shrinkage is fixed (validation users rate
 * existing items only, so it cannot be tuned there).
 */
public final class BiasModel implements RatingMethod {
    static final double[] ITEM_GRID = {1, 3, 10, 25};
    static final double[] USER_GRID = {1, 3, 5, 10};
    static final double LAMBDA_ATTRIBUTE = 5;

    @Override public String name() { return "bias model (shrunk)"; }

    @Override public FittedModel fit(TrainingData data, Progress progress) {
        List<Item> items = data.dataset().items();
        BiasEstimator best = null;
        double bestMae = Double.POSITIVE_INFINITY;
        for (double li : ITEM_GRID) {
            for (double lu : USER_GRID) {
                BiasEstimator e = BiasEstimator.fit(items, data.observed(), li, lu, LAMBDA_ATTRIBUTE);
                if (data.split().validation().isEmpty()) return fitted(BiasEstimator.fit(items, data.observed(), 10, 5, LAMBDA_ATTRIBUTE));
                double mae = validationMae(e, data.split().validation(), data.observed());
                if (mae < bestMae) { bestMae = mae; best = e; }
            }
        }
        return fitted(best);
    }

    static double validationMae(BiasEstimator e, List<UserTask> tasks, Observations observed) {
        double s = 0;
        for (UserTask t : tasks) s += RatingMetrics.mae(predict(e, t, observed), t.queryValues());
        return s / tasks.size();
    }

    static double[] predict(BiasEstimator e, UserTask task, Observations observed) {
        double bu = e.userBias(task.support(), observed);
        return task.query().stream().mapToDouble(r -> e.itemBaseline(r.item(), observed) + bu).toArray();
    }

    private static FittedModel fitted(BiasEstimator e) {
        return new FittedModel() {
            @Override public List<Integer> stepCounts() { return List.of(0); }

            @Override public double[] predict(UserTask task, Observations observed, int steps) { return BiasModel.predict(e, task, observed); }
        };
    }
}
