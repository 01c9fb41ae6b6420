package dev.metarec.eval.method;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.protocol.EvalSplit;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.model.Attributes;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class FloorsTest {
    private static final Instant T = Instant.parse("2020-01-01T00:00:00Z");
    private static final Item A = new Item("a", Attributes.of("genre", "x"), T), B = new Item("b", Attributes.of("genre", "y"), T),
            NEW = new Item("n", Attributes.of("genre", "x"), T);
    private static final UserProfile U = new UserProfile("u", null), V = new UserProfile("v", null);

    private static Rated r(Item i, double v) { return new Rated(i, v, T); }

    @Test
    void biasEstimator_handComputed() {
        // training: a rated 5, 5; b rated 1, 3  -> mu = 3.5
        Observations obs = Observations.of(List.of(List.of(r(A, 5), r(B, 1)), List.of(r(A, 5), r(B, 3))));
        BiasEstimator e = BiasEstimator.fit(List.of(A, B, NEW), obs, 2, 1, 1);
        assertEquals(3.5, e.globalMean(), 1e-12);
        double ba = (10 - 2 * 3.5) / (2 + 2);             // 0.75 before the prior
        double bb = (4 - 2 * 3.5) / (2 + 2);              // -0.75
        double priorX = ba / (1 + 1), priorY = bb / (1 + 1);
        assertEquals(priorX, e.attributePrior(NEW), 1e-12, "a new item's bias comes from its genre");
        assertEquals(priorX, e.itemBias(NEW, obs), 1e-12);
        assertEquals((10 - 7 + 2 * priorX) / 4, e.itemBias(A, obs), 1e-12);
        assertEquals((4 - 7 + 2 * priorY) / 4, e.itemBias(B, obs), 1e-12);
        // user with support {a: 4}: residual 4 - (mu + b_a), shrunk by (1 + lambdaUser)
        double residual = 4 - (3.5 + e.itemBias(A, obs));
        assertEquals(residual / 2, e.userBias(List.of(r(A, 4)), obs), 1e-12);
    }

    @Test
    void recentPopularity_shouldRankEqualCountsByAge_atTheLatestObservation() {
        Instant old = T.minus(java.time.Duration.ofDays(6 * 365)), now = T;
        Item classic = new Item("classic", Attributes.of("genre", "x"), old), fresh = new Item("fresh", Attributes.of("genre", "x"), old);
        Observations obs = Observations.of(List.of(
                List.of(new Rated(classic, 5, old), new Rated(classic, 5, old), new Rated(fresh, 4, now)),
                List.of(new Rated(fresh, 4, now))));
        assertEquals(now, obs.latest());
        UserTask t = new UserTask(U, List.of(), List.of(new Rated(classic, 0, now), new Rated(fresh, 0, now), new Rated(NEW, 0, now)));
        double[] recent = Floors.recentPopularity().fit(trainingData(), Progress.NONE).predict(t, obs, 0);
        assertArrayEquals(new double[]{2, 2, 0}, Floors.popularity().fit(trainingData(), Progress.NONE).predict(t, obs, 0), 0.0, "plain popularity ties them");
        assertTrue(recent[1] > recent[0], "two observations now outrank two six years ago: " + java.util.Arrays.toString(recent));
        assertEquals(Math.log1p(2) + 2 * Math.log1p(2), recent[1], 1e-9, "fresh: both count fully");
        double decayed = 2 * Math.pow(2, -(double) java.time.Duration.between(old, now).getSeconds() / dev.metarec.rank.Recency.HALF_LIFE.toSeconds());
        assertEquals(Math.log1p(2) + 2 * Math.log1p(decayed), recent[0], 1e-9, "classic: each counted 2^(-age / half-life)");
        assertEquals(0, recent[2], 0.0, "never observed");
    }

    @Test
    void simpleFloors_predictWhatTheyClaim() {
        Observations obs = Observations.of(List.of(List.of(r(A, 5), r(B, 1)), List.of(r(A, 4))));
        UserTask t = new UserTask(U, List.of(r(B, 2), r(B, 4)), List.of(r(A, 0), r(NEW, 0)));
        TrainingData data = trainingData();
        assertArrayEquals(new double[]{10.0 / 3, 10.0 / 3}, Floors.globalMean().fit(data, Progress.NONE).predict(t, obs, 0), 1e-12);
        assertArrayEquals(new double[]{4.5, 10.0 / 3}, Floors.itemMean().fit(data, Progress.NONE).predict(t, obs, 0), 1e-12, "unseen item -> global mean");
        assertArrayEquals(new double[]{3, 3}, Floors.userSupportMean().fit(data, Progress.NONE).predict(t, obs, 0), 1e-12);
        assertArrayEquals(new double[]{2, 0}, Floors.popularity().fit(data, Progress.NONE).predict(t, obs, 0), 1e-12);
        assertFalse(Floors.popularity().fit(data, Progress.NONE).predictsRatings());
        FittedModel random = Floors.random().fit(data, Progress.NONE);
        assertArrayEquals(random.predict(t, obs, 0), random.predict(t, obs, 0), "random is repeatable for a user");
        UserTask sameQueryOtherUser = new UserTask(V, t.support(), t.query());
        assertFalse(java.util.Arrays.equals(random.predict(t, obs, 0), random.predict(sameQueryOtherUser, obs, 0)),
                "random is seeded per user: another user gets other numbers for the same query");
    }

    private static TrainingData trainingData() {
        UserTask train = new UserTask(V, List.of(r(A, 5)), List.of(r(B, 1)));
        Dataset d = new Dataset("t", List.of(A, B, NEW), List.of(U, V), List.of(), List.of(), List.of());
        return new TrainingData(new EvalSplit(List.of(train), List.of(), Map.of()), Observations.of(List.of(train.all())), d, 1, Budget.quick());
    }
}
