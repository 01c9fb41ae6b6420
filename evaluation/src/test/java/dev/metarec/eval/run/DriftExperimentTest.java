package dev.metarec.eval.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DriftExperimentTest {
    @Test
    void eventsToRecover_isTheFirstOffsetBackWithinTenPercent() {
        double[] curve = new double[DriftExperiment.BEFORE + DriftExperiment.AFTER];
        java.util.Arrays.fill(curve, 0, DriftExperiment.BEFORE, 1.0);
        for (int j = DriftExperiment.BEFORE; j < curve.length; j++) curve[j] = j < DriftExperiment.BEFORE + 4 ? 2.0 : 1.05;
        assertEquals(4, DriftExperiment.eventsToRecover(curve));
        java.util.Arrays.fill(curve, DriftExperiment.BEFORE, curve.length, 3.0);
        assertEquals(DriftExperiment.AFTER, DriftExperiment.eventsToRecover(curve), "never recovers -> censored at the window");
    }
}
