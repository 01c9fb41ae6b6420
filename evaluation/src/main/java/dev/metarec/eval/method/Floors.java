package dev.metarec.eval.method;

import dev.metarec.eval.protocol.Observations;
import dev.metarec.rank.RankBlend;
import dev.metarec.rank.Recency;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.UserTask;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The simple floors every result is printed beside: global mean, item mean (items observed in the
 * variant's data; others get the global mean), user support mean, popularity ranking (also counted by age) and random
 * ranking.
 * The shrunk bias model is {@link BiasModel}.
 */
public final class Floors {
    private Floors() {}

    public static RatingMethod globalMean() {
        return simple("global mean", true, (task, obs) -> constant(task, obs.globalMean()));
    }

    public static RatingMethod itemMean() {
        return simple("item mean", true, (task, obs) -> task.query().stream()
                .mapToDouble(r -> obs.count(r.itemId()) > 0 ? obs.sum(r.itemId()) / obs.count(r.itemId()) : obs.globalMean()).toArray());
    }

    public static RatingMethod userSupportMean() {
        return simple("user support mean", true, (task, obs) -> constant(task,
                task.support().isEmpty() ? obs.globalMean() : task.support().stream().mapToDouble(Rated::value).average().orElseThrow()));
    }

    /** Ranks by the number of observations of each item (a ranking only). */
    public static RatingMethod popularity() {
        return simple("popularity", false, (task, obs) -> task.query().stream().mapToDouble(r -> obs.count(r.itemId())).toArray());
    }

    /**
     * Ranks by the observations of each item counted by age as well: {@code log(1 + count) + 2 log(1 + recent)}, the
     * recent ones each counted {@code 2^(-age / 3 years)} at the latest observation ({@link RankBlend#popularity}, the
     * formula of the served popularity prior, over every observation instead of the likes). A ranking only.
     */
    public static RatingMethod recentPopularity() {
        return simple("recent popularity", false, (task, obs) -> task.query().stream()
                .mapToDouble(r -> RankBlend.popularity(obs.count(r.itemId()), Recency.asOf(obs.recentCount(r.itemId()), obs.latest()))).toArray());
    }

    /** A random order per (seed, user) (a ranking only). */
    public static RatingMethod random() {
        return new RatingMethod() {
            @Override public String name() { return "random"; }

            @Override public FittedModel fit(TrainingData data, Progress progress) {
                return model(false, (task, obs) -> {
                    SplittableRandom rng = new SplittableRandom(data.seed() * 31 + task.userId().hashCode());
                    return task.query().stream().mapToDouble(r -> rng.nextDouble()).toArray();
                });
            }
        };
    }

    private static double[] constant(UserTask task, double v) {
        double[] out = new double[task.query().size()];
        java.util.Arrays.fill(out, v);
        return out;
    }

    private static RatingMethod simple(String name, boolean ratings, ToDoubleBiFunctionArray f) {
        return new RatingMethod() {
            @Override public String name() { return name; }

            @Override public FittedModel fit(TrainingData data, Progress progress) { return model(ratings, f); }
        };
    }

    private static FittedModel model(boolean ratings, ToDoubleBiFunctionArray f) {
        return new FittedModel() {
            @Override public List<Integer> stepCounts() { return List.of(0); }

            @Override public double[] predict(UserTask task, Observations observed, int steps) { return f.apply(task, observed); }

            @Override public boolean predictsRatings() { return ratings; }
        };
    }

    @FunctionalInterface
    private interface ToDoubleBiFunctionArray {
        double[] apply(UserTask task, Observations observed);
    }

}
