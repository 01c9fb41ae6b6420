package dev.metarec.optim;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SgdTest {
    private static final ParamLayout LAYOUT = ParamLayout.builder().dense("w", 1, 2).table("emb", 3, 1).build();

    @Test
    void step_subtractsTheScaledGradient_overTouchedRowsOnly() {
        Params p = new Params(LAYOUT, new double[] {1, 2, 3, 4, 5});
        Gradient g = new Gradient(LAYOUT);
        g.add(0, 1.0);
        g.add(3, -2.0);
        assertArrayEquals(new double[] {0.5, 2, 3, 5, 5}, Sgd.of(0.5).step(p, g).toArray(), 0.0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, p.toArray(), 0.0, "params are values");
    }

    @Test
    void overflowingStep_throwsNamingTheGroup() {
        Params p = new Params(LAYOUT, new double[] {1, 2, 3, 4, 5});
        Gradient g = new Gradient(LAYOUT);
        g.add(4, -Double.MAX_VALUE);
        var e = assertThrows(NonFiniteException.class, () -> Sgd.of(10).step(p, g));
        assertEquals("emb", e.group());
    }
}
