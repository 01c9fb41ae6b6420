package dev.metarec.nn;

/** A loss, gradient or parameter became NaN or infinite; names where (step) and which layer/group. */
public final class NonFiniteException extends ArithmeticException {
    private final String where;
    private final String group;
    private final double value;

    public NonFiniteException(String where, String group, double value) {
        super("non-finite value " + value + " in " + group + " at " + where);
        this.where = where;
        this.group = group;
        this.value = value;
    }

    /** The same failure, located more precisely: {@code context + ", " + where()}. */
    public NonFiniteException within(String context) {
        NonFiniteException e = new NonFiniteException(context + ", " + where, group, value);
        e.initCause(this);
        return e;
    }

    public double value() { return value; }

    public String where() { return where; }

    public String group() { return group; }
}
