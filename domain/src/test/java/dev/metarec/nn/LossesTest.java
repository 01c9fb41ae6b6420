package dev.metarec.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.metarec.nn.FiniteDifferences.assertClose;
import static dev.metarec.nn.FiniteDifferences.central;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossesTest {

    @ParameterizedTest
    @EnumSource(Objective.class)
    void derivatives_matchCentralDifferences(Objective o) {
        double t = o == Objective.SQUARED_ERROR ? 3.5 : 1;
        for (double s : new double[] {-7.3, -1.2, -0.01, 0.4, 2.2, 9.1}) {
            assertClose(Losses.first(o, s, t), central(h -> Losses.value(o, s + h, t)), o + " l'(" + s + ")");
            assertClose(Losses.second(o, s), central(h -> Losses.first(o, s + h, t)), o + " l''(" + s + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Objective.class, names = {"LOGISTIC", "BPR"})
    void largeScores_stayFiniteAndExact(Objective o) {
        assertEquals(1000.0, Losses.value(o, -1000, 1), 1e-9, "-log sigmoid(-1000) = 1000");
        assertEquals(0.0, Losses.value(o, 1000, 1), 1e-300);
        assertTrue(Double.isFinite(Losses.second(o, 1e6)));
        assertEquals(Math.log(2), Losses.value(o, 0, 1), 1e-15);
    }
}
