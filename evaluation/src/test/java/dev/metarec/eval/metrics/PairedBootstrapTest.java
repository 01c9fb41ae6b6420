package dev.metarec.eval.metrics;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PairedBootstrapTest {
    @Test
    void aConstantGainOnEveryUser_shouldHaveAnIntervalThatIsThatGain() {
        Map<String, Double> base = new HashMap<>(), ours = new HashMap<>();
        for (int u = 0; u < 50; u++) { base.put("u" + u, 0.1 + 0.01 * (u % 7)); ours.put("u" + u, 1.2 * (0.1 + 0.01 * (u % 7))); }
        ours.put("only-ours", 5.0);   // a user the baseline was not measured on: left out
        PairedBootstrap p = PairedBootstrap.of(ours, base, 1);
        assertEquals(50, p.users());
        assertEquals(0.2, p.relative(), 1e-12);
        assertEquals(0.2, p.low(), 1e-9, "every resample has the same ratio");
        assertEquals(0.2, p.high(), 1e-9);
        assertTrue(p.above());
    }

    @Test
    void pairing_shouldSeeAGainThatUnpairedIntervalsWouldDrownInTheSpreadOfUsers() {
        Map<String, Double> base = new HashMap<>(), ours = new HashMap<>();
        java.util.Random random = new java.util.Random(3);
        for (int u = 0; u < 200; u++) {
            double level = random.nextDouble();   // users differ a lot; every one gains a little
            base.put("u" + u, level);
            ours.put("u" + u, level + 0.02 + 0.01 * random.nextGaussian());
        }
        PairedBootstrap p = PairedBootstrap.of(ours, base, 7);
        assertTrue(p.above(), "paired: " + p);
        assertTrue(p.low() < p.relative() && p.relative() < p.high(), p.toString());
        assertEquals(p, PairedBootstrap.of(ours, base, 7), "the same seed, the same interval");
    }

    @Test
    void noGain_shouldHaveAnIntervalAroundZero_andTooFewUsersNone() {
        Map<String, Double> base = new HashMap<>(), ours = new HashMap<>();
        for (int u = 0; u < 100; u++) { base.put("u" + u, u % 2 == 0 ? 1.0 : 0.0); ours.put("u" + u, u % 2 == 0 ? 0.0 : 1.0); }
        PairedBootstrap p = PairedBootstrap.of(ours, base, 1);
        assertEquals(0, p.relative(), 1e-12);
        assertTrue(p.low() < 0 && p.high() > 0 && !p.above(), p.toString());
        assertNull(PairedBootstrap.of(Map.of("a", 1.0), Map.of("a", 0.5), 1), "one user: no interval");
        assertNull(PairedBootstrap.of(Map.of("a", 1.0, "b", 1.0), Map.of("a", 0.0, "b", 0.0), 1), "a baseline mean of 0: no relative difference");
        assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.of(Map.of("a", Double.NaN, "b", 1.0), Map.of("a", 1.0, "b", 1.0), 1));
    }
}
