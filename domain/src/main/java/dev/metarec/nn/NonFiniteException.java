package dev.metarec.nn;

/** A loss, gradient or parameter became NaN or infinite; names where (step) and which layer/group. */
public final class NonFiniteException extends ArithmeticException {
    private final String where;
    private final String group;

    public NonFiniteException(String where, String group, double value) {
        super("non-finite value " + value + " in " + group + " at " + where);
        this.where = where;
        this.group = group;
    }

    public String where() { return where; }

    public String group() { return group; }
}
