package dev.metarec.math;

/** Shape checks whose messages carry both sizes. */
public final class Shapes {
    private Shapes() {}

    /** Requires {@code actual == expected}; {@code what} names the operand, e.g. "fast weights". */
    public static void requireLength(String what, int actual, int expected) {
        if (actual != expected)
            throw new IllegalArgumentException(what + " has length " + actual + " but " + expected + " is required");
    }

    /** Requires {@code array[offset .. offset + length)} to exist. */
    public static void requireRange(String what, double[] array, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > array.length)
            throw new IllegalArgumentException("can't read " + what + " [" + offset + ", " + (offset + length)
                    + ") from an array of length " + array.length);
    }

    /** Requires two vectors to have the same dimension. */
    public static void requireSameLength(String op, double[] a, double[] b) {
        if (a.length != b.length)
            throw new IllegalArgumentException("can't " + op + " vectors of dimension " + a.length + " and " + b.length);
    }
}
