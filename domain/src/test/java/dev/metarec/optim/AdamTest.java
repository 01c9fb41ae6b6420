package dev.metarec.optim;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdamTest {
    private static final ParamLayout LAYOUT = ParamLayout.builder().table("emb", 10, 2).dense("w", 1, 3).build();
    private static final double[] CURVATURE = {1, 10, 0.5, 3, 0.2, 7, 2, 1, 4, 9, 1, 0.1, 5, 2, 6, 1, 3, 8, 2, 1, 0.7, 1.5, 2.5};
    private static final double[] TARGET = new double[LAYOUT.size()];

    static {
        for (int i = 0; i < TARGET.length; i++) TARGET[i] = Math.sin(i + 1) * 3;
    }

    /** Gradient of sum_i a_i (theta_i - c_i)^2 over every row. */
    private static Gradient quadraticGradient(Params p) {
        Gradient g = new Gradient(LAYOUT);
        for (int i = 0; i < LAYOUT.size(); i++) g.add(i, 2 * CURVATURE[i] * (p.get(i) - TARGET[i]));
        return g;
    }

    @Test
    void adam_onAnIllConditionedQuadratic_convergesToTheMinimiser() {
        Adam adam = Adam.of(0.05);
        AdamState state = AdamState.initial(LAYOUT);
        Params p = new Params(LAYOUT, new double[LAYOUT.size()]);
        for (int s = 0; s < 3000; s++) p = adam.stepAndAdvance(p, quadraticGradient(p), state);
        assertArrayEquals(TARGET, p.toArray(), 1e-3);
        assertEquals(3000, state.step());
    }

    @Test
    void adam_firstStep_movesEveryCoordinateByTheLearningRate() {
        // With zero moments, the bias-corrected first step is -eta * g / (|g| + eps): a step of eta per coordinate.
        Params p = new Params(LAYOUT, new double[LAYOUT.size()]);
        Gradient g = quadraticGradient(p);
        Params next = Adam.of(0.01).stepAndAdvance(p, g, AdamState.initial(LAYOUT));
        for (int i = 0; i < TARGET.length; i++) {
            assertEquals(-0.01 * g.get(i) / (Math.abs(g.get(i)) + 1e-8), next.get(i), 1e-15);
            assertEquals(0.01 * Math.signum(TARGET[i]), next.get(i), 1e-8);
        }
    }

    @Test
    void lazyAdam_updatesOnlyTheRowsTheGradientTouched() {
        Params p = new Params(LAYOUT, TARGET);
        AdamState state = AdamState.initial(LAYOUT);
        Gradient g = new Gradient(LAYOUT);
        ParamGroup emb = LAYOUT.group("emb");
        g.add(emb.index(2, 1), 0.5);
        g.add(emb.index(5, 0), -1.0);
        Params next = Adam.of(0.1).stepAndAdvance(p, g, state);
        for (int i = 0; i < LAYOUT.size(); i++) {
            int row = (i - emb.offset()) / emb.cols();
            boolean touched = i < emb.end() && (row == 2 || row == 5);
            if (!touched) {
                assertEquals(p.get(i), next.get(i), 0.0, "untouched element " + i + " unchanged");
                assertEquals(0.0, state.firstMoment()[i], 0.0);
                assertEquals(0.0, state.secondMoment()[i], 0.0);
            }
        }
        assertNotEquals(p.get(emb.index(2, 1)), next.get(emb.index(2, 1)));
        assertEquals(p.get(emb.index(2, 0)), next.get(emb.index(2, 0)), 0.0, "a touched row's zero-gradient element only decays its moments");
    }

    @Test
    void state_copyAndResume_givesTheSameTrajectory() {
        Adam adam = Adam.of(0.02);
        AdamState straight = AdamState.initial(LAYOUT);
        Params a = new Params(LAYOUT, new double[LAYOUT.size()]);
        for (int s = 0; s < 10; s++) a = adam.stepAndAdvance(a, quadraticGradient(a), straight);

        AdamState first = AdamState.initial(LAYOUT);
        Params b = new Params(LAYOUT, new double[LAYOUT.size()]);
        for (int s = 0; s < 5; s++) b = adam.stepAndAdvance(b, quadraticGradient(b), first);
        AdamState saved = new AdamState(LAYOUT, first.step(), first.firstMoment(), first.secondMoment());
        AdamState snapshot = first.copy();
        for (int s = 0; s < 5; s++) b = adam.stepAndAdvance(b, quadraticGradient(b), saved);

        assertEquals(a, b);
        assertEquals(straight, saved);
        assertEquals(5, snapshot.step(), "a copy does not move with the original");
    }

    @Test
    void nonFiniteGradient_throwsNamingTheGroup_andChangesNothing() {
        Params p = new Params(LAYOUT, TARGET);
        AdamState state = AdamState.initial(LAYOUT);
        Gradient g = quadraticGradient(p);
        g.add(LAYOUT.group("w").index(0, 1), Double.NaN);
        var e = assertThrows(NonFiniteException.class, () -> Adam.of(0.1).stepAndAdvance(p, g, state));
        assertEquals("gradient of w", e.group());
        assertTrue(e.getMessage().contains("Adam step 1"), e.getMessage());
        assertEquals(AdamState.initial(LAYOUT), state);
    }

    @Test
    void adamClipping_scalesTheGradientToTheGlobalNorm_beforeTheMoments() {
        // Adam's first step is -eta * sign(g) whatever |g| is, so clipping shows in the moments, and in the
        // second step, where the clipped and unclipped gradients differ.
        Gradient g = new Gradient(LAYOUT);
        g.add(0, 30);
        g.add(1, 40);          // norm 50, clipped to 5: (3, 4)
        Params p = new Params(LAYOUT, new double[LAYOUT.size()]);
        AdamState clipped = AdamState.initial(LAYOUT), unclipped = AdamState.initial(LAYOUT);
        Adam.of(0.1).withMaxGradNorm(5).stepAndAdvance(p, g, clipped);
        Adam.of(0.1).stepAndAdvance(p, g, unclipped);

        assertEquals(0.1 * 3, clipped.firstMoment()[0], 1e-12);
        assertEquals(0.1 * 4, clipped.firstMoment()[1], 1e-12);
        assertEquals(0.001 * 16, clipped.secondMoment()[1], 1e-12);
        assertEquals(0.1 * 30, unclipped.firstMoment()[0], 1e-12);
        assertEquals(0.001 * 1600, unclipped.secondMoment()[1], 1e-12);

        Gradient small = new Gradient(LAYOUT);
        small.add(0, 3);
        small.add(1, 4);       // norm 5: at the limit, left as it is
        AdamState atLimit = AdamState.initial(LAYOUT);
        Adam.of(0.1).withMaxGradNorm(5).stepAndAdvance(p, small, atLimit);
        assertEquals(clipped, atLimit, "a gradient clipped to norm 5 acts exactly like one of norm 5");
    }

    @Test
    void sgdClipping_limitsTheGlobalNorm() {
        Params p = new Params(LAYOUT, new double[LAYOUT.size()]);
        Gradient g = new Gradient(LAYOUT);
        g.add(0, 30);
        g.add(1, 40);          // norm 50
        Params sgd = new Sgd(0.1, 5).step(p, g);
        assertEquals(-0.1 * 3, sgd.get(0), 1e-12);
        assertEquals(-0.1 * 4, sgd.get(1), 1e-12);
        Params unclipped = Sgd.of(0.1).step(p, g);
        assertEquals(-3.0, unclipped.get(0), 1e-12);
    }

    @Test
    void badHyperParameters_areRejectedNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-8, Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("beta1"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> new Sgd(-1, Double.POSITIVE_INFINITY));
        assertTrue(e2.getMessage().contains("learningRate"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> Adam.of(0.1).withMaxGradNorm(0));
        assertTrue(e3.getMessage().contains("maxGradNorm"), e3.getMessage());
    }
}
