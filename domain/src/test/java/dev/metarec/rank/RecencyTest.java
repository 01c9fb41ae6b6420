package dev.metarec.rank;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RecencyTest {
    private static final String PROPERTY = "metarec.test.recency-decay";

    @Test
    void decayFactor_shouldReadTheProperty_andRefuseOneOutsideZeroToOne_namingIt() {
        try {
            System.clearProperty(PROPERTY);
            assertEquals(0.8, Recency.decayFactor(PROPERTY, "0.8"), "unset: the fallback");
            System.setProperty(PROPERTY, "1");
            assertEquals(1.0, Recency.decayFactor(PROPERTY, "0.8"));
            for (String bad : new String[]{"0", "-0.5", "1.5", "NaN"}) {
                System.setProperty(PROPERTY, bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recency.decayFactor(PROPERTY, "0.8"));
                assertTrue(e.getMessage().contains(PROPERTY) && e.getMessage().contains("(0, 1]") && e.getMessage().contains(bad), e.getMessage());
            }
        } finally {
            System.clearProperty(PROPERTY);
        }
    }
}
