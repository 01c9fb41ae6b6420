package dev.metarec.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ordered parameter groups of a model and where each lives in the flat vector. Immutable. */
public final class ParamLayout {
    private final List<ParamGroup> groups;
    private final Map<String, ParamGroup> byName;
    private final int size;

    private ParamLayout(List<ParamGroup> groups) {
        this.groups = List.copyOf(groups);
        Map<String, ParamGroup> m = new LinkedHashMap<>();
        for (ParamGroup g : groups) {
            if (m.put(g.name(), g) != null) throw new IllegalArgumentException("duplicate parameter group " + g.name());
        }
        this.byName = Collections.unmodifiableMap(m);
        this.size = groups.isEmpty() ? 0 : groups.get(groups.size() - 1).end();
    }

    public static Builder builder() { return new Builder(); }

    public List<ParamGroup> groups() { return groups; }

    public int size() { return size; }

    public ParamGroup group(String name) {
        ParamGroup g = byName.get(name);
        if (g == null) throw new IllegalArgumentException("no parameter group " + name + "; groups are " + byName.keySet());
        return g;
    }

    public Optional<ParamGroup> findGroup(String name) { return Optional.ofNullable(byName.get(name)); }

    /** The group holding flat index {@code i}. */
    public ParamGroup groupAt(int i) {
        for (ParamGroup g : groups) if (i >= g.offset() && i < g.end()) return g;
        throw new IndexOutOfBoundsException("index " + i + " outside layout of size " + size);
    }

    @Override public boolean equals(Object o) { return o instanceof ParamLayout l && l.groups.equals(groups); }

    @Override public int hashCode() { return groups.hashCode(); }

    @Override public String toString() { return "ParamLayout" + groups; }

    public static final class Builder {
        private final List<ParamGroup> groups = new ArrayList<>();
        private int next;

        public Builder table(String name, int rows, int cols) { return add(name, ParamGroup.Kind.TABLE, rows, cols); }

        public Builder dense(String name, int rows, int cols) { return add(name, ParamGroup.Kind.DENSE, rows, cols); }

        private Builder add(String name, ParamGroup.Kind kind, int rows, int cols) {
            ParamGroup g = new ParamGroup(name, kind, next, rows, cols);
            groups.add(g);
            next = g.end();
            return this;
        }

        public ParamLayout build() { return new ParamLayout(groups); }
    }
}
