package dev.metarec.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of a user or an item: name -> values. A categorical attribute has one value, a
 * multi-valued one (genres, actors) several, a numeric one a single decimal string. What each
 * attribute means is decided by the model's feature specs, not here.
 */
public record Attributes(Map<String, List<String>> values) {
    public static final Attributes EMPTY = new Attributes(Map.of());

    public Attributes {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public List<String> get(String name) { return values.getOrDefault(name, List.of()); }

    public static Attributes of(String... nameValuePairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) m.put(nameValuePairs[i], List.of(nameValuePairs[i + 1].split("\\|")));
        return new Attributes(m);
    }
}
