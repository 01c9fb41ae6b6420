package dev.metarec.eval.method;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.protocol.EvalSplit;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.features.FeatureSpec;
import dev.metarec.model.Attributes;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * EASE, item-kNN and attribute popularity on a hand-made matrix. Training users: u1 {a, b}, u2 {a, b, c},
 * u3 {b, c}; item d has no training interaction. So |U_a| = 2, |U_b| = 3, |U_c| = 2 and the co-counts
 * are ab = 2, ac = 1, bc = 2.
 */
class RankingBaselinesTest {
    private static final Instant T = Instant.parse("2020-01-01T00:00:00Z");
    private static final Item A = item("a", "x"), B = item("b", "x"), C = item("c", "y"), D = item("d", "y");
    private static final UserProfile U = new UserProfile("u", null);
    private static final double TIE = 1e-5;   // the popularity tie-break adds at most 1e-6

    private static Item item(String id, String genre) { return new Item(id, Attributes.of("genre", genre), T); }

    private static Rated r(Item i) { return new Rated(i, 5, T); }

    private static TrainingData training() {
        List<List<Rated>> histories = List.of(List.of(r(A), r(B)), List.of(r(A), r(B), r(C)), List.of(r(B), r(C)));
        Dataset d = new Dataset("hand", List.of(A, B, C, D), List.of(), List.of(), List.of(), List.of(FeatureSpec.multi("genre")));
        EvalSplit split = new EvalSplit(List.of(new UserTask(U, List.of(r(A)), List.of(r(B)))), List.of(), Map.of());
        return new TrainingData(split, Observations.of(histories), d, 1, Budget.quick(), histories);
    }

    private static UserTask task(List<Item> support, Item... candidates) {
        return new UserTask(U, support.stream().map(RankingBaselinesTest::r).toList(), java.util.Arrays.stream(candidates).map(i -> new Rated(i, 0, T)).toList());
    }

    @Test
    void ease_matchesTheClosedFormComputedByHand() {
        // G = [[2,2,1],[2,3,2],[1,2,2]], lambda = 1: A = G + I = [[3,2,1],[2,4,2],[1,2,3]], det A = 16,
        // P = A^-1 = adj(A)/16 = [[8,-4,0],[-4,8,-4],[0,-4,8]] / 16, B_ij = -P_ij / P_jj:
        // B_ab = B_ba = B_bc = B_cb = 0.25 / 0.5 = 0.5, B_ac = B_ca = 0, diagonal 0.
        Ease.Fitted f = new Ease(List.of(1.0), 10).fit(training(), Progress.NONE);
        double[][] expected = {{0, 0.5, 0, 0}, {0.5, 0, 0.5, 0}, {0, 0.5, 0, 0}, {0, 0, 0, 0}};
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) assertEquals(expected[i][j], f.weight(i, j, 1), 1e-12, "B[" + i + "][" + j + "]");
        Observations obs = training().observed();
        assertArrayEquals(new double[]{0.5, 0, 0}, f.predict(task(List.of(A), B, C, D), obs, 0), TIE, "support {a}: scores = row a of B");
        assertArrayEquals(new double[]{1.0, 0}, f.predict(task(List.of(A, C), B, D), obs, 0), TIE, "support {a, c}: B_ab + B_cb");
    }

    @Test
    void ease_modelsOnlyTheMostPopularItems_whenCapped() {
        // maxItems = 2: b (3 users) and a (2; wins the tie with c by catalogue order). G = [[2,2],[2,3]], lambda = 1:
        // A = [[3,2],[2,4]], det 8, P = [[4,-2],[-2,3]] / 8; B_ab = 0.25 / 0.375 = 2/3, B_ba = 0.25 / 0.5 = 0.5.
        Ease.Fitted f = new Ease(List.of(1.0), 2).fit(training(), Progress.NONE);
        assertEquals(2.0 / 3, f.weight(0, 1, 1), 1e-12);
        assertEquals(0.5, f.weight(1, 0, 1), 1e-12);
        assertEquals(0, f.weight(1, 2, 1), 1e-12, "c is not modelled");
        double[] s = f.predict(task(List.of(A), B, C, D), training().observed(), 0);
        assertEquals(2.0 / 3, s[0], TIE);
        assertTrue(s[1] > s[2] && s[1] < TIE, "unmodelled c and d score 0 plus the popularity tie-break (c seen twice, d never)");
    }

    @Test
    void itemKnn_sumsCosineSimilaritiesWithShrinkage_overTheSupportItemsNeighbourhoods() {
        // sim(a,b) = 2 / (sqrt(2*3) + s), sim(a,c) = 1 / (sqrt(2*2) + s), sim(b,c) = 2 / (sqrt(3*2) + s)
        double s = 1;
        double ab = 2 / (Math.sqrt(6) + s), ac = 1 / (2 + s), bc = 2 / (Math.sqrt(6) + s);
        ItemKnn.Fitted two = new ItemKnn(List.of(2), List.of(s)).fit(training(), Progress.NONE);
        assertEquals(ab, two.similarity(0, 1, 1), 1e-6);
        assertEquals(ac, two.similarity(0, 2, 1), 1e-6);
        assertEquals(bc, two.similarity(2, 1, 1), 1e-6);
        Observations obs = training().observed();
        assertArrayEquals(new double[]{ab, ac, 0}, two.predict(task(List.of(A), B, C, D), obs, 0), TIE);
        assertArrayEquals(new double[]{ab + bc, 0}, two.predict(task(List.of(A, C), B, D), obs, 0), TIE);
        // K = 1: a keeps only its nearest neighbour b (ab > ac), so c gets nothing from a
        ItemKnn.Fitted one = new ItemKnn(List.of(1), List.of(s)).fit(training(), Progress.NONE);
        double[] k1 = one.predict(task(List.of(A), B, C, D), obs, 0);
        assertEquals(ab, k1[0], TIE);
        assertTrue(k1[1] < TIE && k1[1] > k1[2], "c falls back to the popularity tie-break, above the never-seen d");
    }

    @Test
    void attributePopularity_isTheMeanPopularityOfTheItemsValues() {
        // genre x: a (2) + b (3) = 5 interactions; genre y: c (2) + d (0) = 2
        FittedModel f = new AttributePopularity().fit(training(), Progress.NONE);
        assertArrayEquals(new double[]{5, 2, 2}, f.predict(task(List.of(), A, C, D), training().observed(), 0), 1e-12);
        assertFalse(f.predictsRatings());
    }

    @Test
    void fits_areReusedWhileTheTrainingDataStaysTheSame() {
        ItemKnn knn = new ItemKnn(List.of(2), List.of(1.0));
        assertSame(knn.fit(training(), Progress.NONE), knn.fit(training(), Progress.NONE), "equal histories and validation tasks: the same fit");
    }
}
