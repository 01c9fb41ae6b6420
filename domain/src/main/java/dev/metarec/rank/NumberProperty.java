package dev.metarec.rank;

/**
 * A number read from a system property (the switches that compare designs, e.g. {@code -Dmetarec.serving.calibration=0.25}),
 * refused when the class that reads it loads, with a message naming the property, its range and the value given: a typo
 * never falls back to the default in silence.
 */
public final class NumberProperty {
    private NumberProperty() {}

    /** {@code name}'s value, or {@code fallback} when it is unset, as a number in the range ({@code included}: the bound itself is in it). */
    public static double inRange(String name, String fallback, double min, boolean minIncluded, double max, boolean maxIncluded) {
        return parse(name, System.getProperty(name, fallback), min, minIncluded, max, maxIncluded);
    }

    /** {@code name}'s value, or {@code fallback} when it is unset, as a whole number in [min, max]. */
    public static long whole(String name, String fallback, long min, long max) {
        return parseWhole(name, System.getProperty(name, fallback), min, max);
    }

    static double parse(String name, String value, double min, boolean minIncluded, double max, boolean maxIncluded) {
        try {
            double x = Double.parseDouble(value.trim());
            if ((minIncluded ? x >= min : x > min) && (maxIncluded ? x <= max : x < max)) return x;
        } catch (NumberFormatException e) { /* refused below */ }
        throw new IllegalArgumentException(name + " must be a number in " + (minIncluded ? "[" : "(") + bound(min) + ", " + bound(max)
                + (maxIncluded ? "]" : ")") + ", was '" + value + "'");
    }

    static long parseWhole(String name, String value, long min, long max) {
        try {
            long x = Long.parseLong(value.trim());
            if (x >= min && x <= max) return x;
        } catch (NumberFormatException e) { /* refused below */ }
        throw new IllegalArgumentException(name + " must be a whole number in [" + min + ", " + max + "], was '" + value + "'");
    }

    private static String bound(double b) {
        return Double.isInfinite(b) ? (b > 0 ? "∞" : "-∞") : b == Math.rint(b) ? String.valueOf((long) b) : String.valueOf(b);
    }
}
