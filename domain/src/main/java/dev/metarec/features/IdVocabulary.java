package dev.metarec.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rows of an ID-embedding table: each id with history at training time has a row (0..N-1, in sorted
 * order of the ids); any other id has none ({@link #rowOf} returns -1), and the model falls back to
 * its attributes. Immutable; safe to share between threads.
 */
public final class IdVocabulary {
    private final List<String> ids;
    private final Map<String, Integer> rowById;

    /** Restores a vocabulary whose row r is {@code ids.get(r)}; ids must be distinct and non-blank. */
    public IdVocabulary(List<String> ids) {
        this.ids = List.copyOf(ids);
        Map<String, Integer> m = new HashMap<>();
        for (String id : this.ids) {
            if (id.isBlank()) throw new IllegalArgumentException("an id with an embedding row can't be blank");
            if (m.put(id, m.size()) != null) throw new IllegalArgumentException("duplicate id '" + id + "' in an id vocabulary");
        }
        this.rowById = m;
    }

    /** A row for each distinct non-blank id, rows in sorted id order (independent of input order). */
    public static IdVocabulary of(Iterable<String> ids) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String id : ids) if (id != null && !id.isBlank()) sorted.add(id);
        return new IdVocabulary(List.copyOf(sorted));
    }

    public List<String> ids() { return ids; }

    public int size() { return ids.size(); }

    /** The id's row, or -1 when it has none. */
    public int rowOf(String id) { return id == null ? -1 : rowById.getOrDefault(id, -1); }

    @Override public boolean equals(Object o) { return o instanceof IdVocabulary v && v.ids.equals(ids); }

    @Override public int hashCode() { return ids.hashCode(); }

    @Override public String toString() { return "IdVocabulary[" + ids.size() + " ids]"; }
}
