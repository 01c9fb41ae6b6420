package dev.metarec.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Which parameter groups adapt per user, and where each sits in the fast-weight vector. Fast weights
 * start as a copy of those groups' meta-parameters ({@link #gather}); the meta-gradient for a fast
 * element flows back to the meta-parameter at {@link #flatIndex}.
 */
public final class FastLayout {
    /** A meta-parameter group that adapts, at {@code fastOffset} in the fast vector. */
    public record Slot(ParamGroup group, int fastOffset) {
        public int size() { return group.size(); }
    }

    private final ParamLayout layout;
    private final List<Slot> slots;
    private final int size;

    public FastLayout(ParamLayout layout, List<String> adaptedGroups) {
        if (adaptedGroups.isEmpty()) throw new IllegalArgumentException("at least one parameter group must adapt");
        this.layout = layout;
        List<Slot> s = new ArrayList<>();
        int off = 0;
        for (String name : adaptedGroups) {
            ParamGroup g = layout.group(name);
            if (g.kind() == ParamGroup.Kind.TABLE)
                throw new IllegalArgumentException("group " + name + " is an embedding table; only dense groups can adapt per user");
            s.add(new Slot(g, off));
            off += g.size();
        }
        this.slots = List.copyOf(s);
        this.size = off;
    }

    public ParamLayout layout() { return layout; }

    public List<Slot> slots() { return slots; }

    public int size() { return size; }

    public boolean adapts(String group) { return slots.stream().anyMatch(s -> s.group().name().equals(group)); }

    public Slot slot(String group) {
        return slots.stream().filter(s -> s.group().name().equals(group)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("group " + group + " does not adapt; adapted: " + names()));
    }

    public List<String> names() { return slots.stream().map(s -> s.group().name()).toList(); }

    /** The initial fast weights: a copy of the adapted groups' meta-parameters. */
    public double[] gather(Params meta) {
        double[] fast = new double[size];
        for (Slot s : slots) System.arraycopy(meta.raw(), s.group().offset(), fast, s.fastOffset(), s.size());
        return fast;
    }

    /** Flat meta-parameter index of fast element {@code k}. */
    public int flatIndex(int k) {
        for (Slot s : slots) if (k >= s.fastOffset() && k < s.fastOffset() + s.size()) return s.group().offset() + (k - s.fastOffset());
        throw new IndexOutOfBoundsException("fast index " + k + " outside " + size);
    }

    /** gradient[meta of fast k] += scale * fastGrad[k], for every k. */
    public void scatterAdd(double[] fastGrad, double scale, Gradient into) {
        for (Slot s : slots) {
            ParamGroup g = s.group();
            for (int r = 0; r < g.rows(); r++) into.addToRow(g, r, fastGrad, s.fastOffset() + r * g.cols(), scale);
        }
    }

    /** The slot holding fast index {@code k}. */
    public Slot slotAt(int k) {
        for (Slot s : slots) if (k >= s.fastOffset() && k < s.fastOffset() + s.size()) return s;
        throw new IndexOutOfBoundsException("fast index " + k + " outside " + size);
    }
}
