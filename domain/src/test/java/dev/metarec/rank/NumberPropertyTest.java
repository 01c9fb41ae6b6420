package dev.metarec.rank;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class NumberPropertyTest {
    private static final String NAME = "metarec.test.number-property";

    @Test
    void inRange_shouldReadTheProperty_orTheFallbackWhenUnset() {
        System.clearProperty(NAME);
        try {
            assertEquals(0.8, NumberProperty.inRange(NAME, "0.8", 0, false, 1, true));
            System.setProperty(NAME, " 1 ");
            assertEquals(1.0, NumberProperty.inRange(NAME, "0.8", 0, false, 1, true), "an included bound, blanks trimmed");
            System.setProperty(NAME, "12");
            assertEquals(12L, NumberProperty.whole(NAME, "3", 1, 100));
        } finally {
            System.clearProperty(NAME);
        }
    }

    @Test
    void aValueOutsideTheRangeOrNoNumber_shouldBeRefused_namingThePropertyTheRangeAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumberProperty.parse(NAME, "0", 0, false, 1, true));
        assertEquals(NAME + " must be a number in (0, 1], was '0'", e.getMessage(), "an excluded bound");
        for (String bad : new String[]{"1.5", "-0.1", "abc", "NaN", "", "Infinity"})
            assertThrows(IllegalArgumentException.class, () -> NumberProperty.parse(NAME, bad, 0, true, 1, false), bad);
        assertThrows(IllegalArgumentException.class, () -> NumberProperty.parse(NAME, "1", 0, true, 1, false), "1 excluded");
        assertEquals(0.0, NumberProperty.parse(NAME, "0", 0, true, 1, false));
        e = assertThrows(IllegalArgumentException.class, () -> NumberProperty.parse(NAME, "-1", 0, true, Double.POSITIVE_INFINITY, false));
        assertEquals(NAME + " must be a number in [0, ∞), was '-1'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NumberProperty.parse(NAME, "Infinity", 0, true, Double.POSITIVE_INFINITY, false), "∞ excluded");
        assertEquals(2.5, NumberProperty.parse(NAME, "2.5", 0, true, Double.POSITIVE_INFINITY, false));
    }

    @Test
    void aWholeNumber_shouldBeRefusedOutsideItsRangeOrWithAFraction() {
        for (String bad : new String[]{"0", "101", "5O", "2.5", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumberProperty.parseWhole(NAME, bad, 1, 100), bad);
            assertEquals(NAME + " must be a whole number in [1, 100], was '" + bad + "'", e.getMessage());
        }
        assertEquals(100L, NumberProperty.parseWhole(NAME, "100", 1, 100));
    }
}
