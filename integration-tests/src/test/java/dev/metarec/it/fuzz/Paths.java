package dev.metarec.it.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Paths into a JSON template: {@code a.b} for object fields, {@code a[]} for "every element of array a"
 * (mutations change the first element, so the rest of the batch stays valid).
 */
final class Paths {
    /** Returned by a change to remove the field. */
    static final Object REMOVE = new Object();

    private Paths() {}

    /** Visits every field and array at any depth (not the root), parents before children. */
    static void walk(Object node, String prefix, BiConsumer<String, Object> visitor) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                String path = prefix.isEmpty() ? (String) k : prefix + "." + k;
                visitor.accept(path, v);
                walk(v, path, visitor);
            });
        } else if (node instanceof List<?> l && !l.isEmpty()) {
            walk(l.get(0), prefix + "[]", visitor);
        }
    }

    /** A copy of {@code node} with the value at {@code path} changed (or removed if the change returns {@link #REMOVE}). */
    static Object replace(Object node, String path, UnaryOperator<Object> change) {
        return replace(node, segments(path), 0, change);
    }

    /** "events[].userId" -> [events, [], userId]. */
    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("\\.")) {
            if (part.endsWith("[]")) {
                out.add(part.substring(0, part.length() - 2));
                out.add("[]");
            } else {
                out.add(part);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object replace(Object node, List<String> segments, int at, UnaryOperator<Object> change) {
        String segment = segments.get(at);
        boolean last = at == segments.size() - 1;
        if (segment.equals("[]")) {
            List<Object> list = new ArrayList<>((List<Object>) node);
            list.set(0, last ? change.apply(list.get(0)) : replace(list.get(0), segments, at + 1, change));
            list.removeIf(e -> e == REMOVE);
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) node);
        Object next = last ? change.apply(map.get(segment)) : replace(map.get(segment), segments, at + 1, change);
        if (next == REMOVE) map.remove(segment);
        else map.put(segment, next);
        return map;
    }

    /** Makes a copied array element distinct (suffix {@code -i} on its eventId, if it has one). */
    @SuppressWarnings("unchecked")
    static Object uniquify(Object element, int i) {
        if (element instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
            copy.replaceAll((k, v) -> k.equals("eventId") && v instanceof String s ? s + "-" + i : v);
            return copy;
        }
        return element;
    }
}
