package dev.metarec.nn;

import java.util.Arrays;

/**
 * Meta-parameters as a value: a layout and a flat vector. The array is copied in and out, so a
 * {@code Params} never changes after construction; optimisers produce new instances.
 */
public final class Params {
    private final ParamLayout layout;
    private final double[] values;

    public Params(ParamLayout layout, double[] values) { this(layout, values, true); }

    private Params(ParamLayout layout, double[] values, boolean copy) {
        if (values.length != layout.size())
            throw new IllegalArgumentException("can't bind " + values.length + " values to a layout of size " + layout.size());
        this.layout = layout;
        this.values = copy ? values.clone() : values;
    }

    /** Wraps without copying: for code that owns {@code values} and never writes to it again. */
    public static Params wrap(ParamLayout layout, double[] values) { return new Params(layout, values, false); }

    public ParamLayout layout() { return layout; }

    public int size() { return values.length; }

    public double get(int i) { return values[i]; }

    public double get(String group, int row, int col) { return values[layout.group(group).index(row, col)]; }

    /** A copy of the whole flat vector. */
    public double[] toArray() { return values.clone(); }

    /** Copies one group's values into a new array. */
    public double[] groupValues(String group) {
        ParamGroup g = layout.group(group);
        return Arrays.copyOfRange(values, g.offset(), g.end());
    }

    /** Direct read access for the math kernels in this package; never written through. */
    double[] raw() { return values; }

    /** A copy with one element replaced (for finite-difference checks and tests). */
    public Params with(int i, double value) {
        double[] v = values.clone();
        v[i] = value;
        return wrap(layout, v);
    }

    /** First non-finite element, or -1. */
    public int firstNonFinite() {
        for (int i = 0; i < values.length; i++) if (!Double.isFinite(values[i])) return i;
        return -1;
    }

    /** Throws {@link NonFiniteException} naming the group if any element is NaN or infinite. */
    public Params requireFinite(String where) {
        int i = firstNonFinite();
        if (i >= 0) throw new NonFiniteException(where, layout.groupAt(i).name(), values[i]);
        return this;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Params p && p.layout.equals(layout) && Arrays.equals(p.values, values);
    }

    @Override public int hashCode() { return 31 * layout.hashCode() + Arrays.hashCode(values); }

    @Override public String toString() { return "Params[size=" + values.length + ", groups=" + layout.groups().size() + "]"; }
}
