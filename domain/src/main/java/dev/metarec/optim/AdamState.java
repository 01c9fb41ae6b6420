package dev.metarec.optim;

import dev.metarec.math.Shapes;
import dev.metarec.nn.ParamLayout;

import java.util.Arrays;

/**
 * Adam's moment estimates and step count for one parameter layout. Mutable: {@link Adam#stepAndAdvance}
 * advances it in place; {@link #copy()} takes a snapshot so a trainer can save and resume, and the
 * accessors return copies for serialisation. Not thread-safe.
 */
public final class AdamState {
    private final ParamLayout layout;
    private long step;
    final double[] m;
    final double[] v;

    /** Restores a saved state; arrays are copied and checked against the layout. */
    public AdamState(ParamLayout layout, long step, double[] firstMoment, double[] secondMoment) {
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, was " + step);
        Shapes.requireLength("first moment", firstMoment.length, layout.size());
        Shapes.requireLength("second moment", secondMoment.length, layout.size());
        for (double x : secondMoment)
            if (!(x >= 0) || !Double.isFinite(x)) throw new IllegalArgumentException("second moment must be finite and >= 0, found " + x);
        for (double x : firstMoment) if (!Double.isFinite(x)) throw new IllegalArgumentException("first moment must be finite, found " + x);
        this.layout = layout;
        this.step = step;
        this.m = firstMoment.clone();
        this.v = secondMoment.clone();
    }

    /** The state before the first step: zero moments. */
    public static AdamState initial(ParamLayout layout) {
        return new AdamState(layout, 0, new double[layout.size()], new double[layout.size()]);
    }

    public ParamLayout layout() { return layout; }

    /** Number of steps taken. */
    public long step() { return step; }

    void advanceStep() { step++; }

    public double[] firstMoment() { return m.clone(); }

    public double[] secondMoment() { return v.clone(); }

    public AdamState copy() { return new AdamState(layout, step, m, v); }

    @Override public boolean equals(Object o) {
        return o instanceof AdamState s && s.layout.equals(layout) && s.step == step && Arrays.equals(s.m, m) && Arrays.equals(s.v, v);
    }

    @Override public int hashCode() { return Long.hashCode(step) * 31 + Arrays.hashCode(m); }

    @Override public String toString() { return "AdamState[step=" + step + ", size=" + m.length + "]"; }
}
