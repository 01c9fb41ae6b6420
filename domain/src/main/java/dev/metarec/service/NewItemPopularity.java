package dev.metarec.service;

import dev.metarec.model.Item;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The popularity prior of an item nobody has interacted with yet (trial, {@value #PROPERTY}{@code =attributes}; the
 * default, {@code none}, leaves it 0): the mean, over its attribute values, of the mean prior of the items with
 * interactions that have the value. So a film that has just arrived stands with the films of its kind instead of below
 * every film anyone watched. Serving ({@link ItemStatsView}) and the blend's fit ({@link RankFit}) fill it alike.
 */
final class NewItemPopularity {
    static final String PROPERTY = "metarec.serving.new-item-popularity";
    static final boolean BY_ATTRIBUTES = parse(System.getProperty(PROPERTY, "none"));

    private NewItemPopularity() {}

    static boolean parse(String value) {
        return switch (value.trim()) {
            case "none" -> false;
            case "attributes" -> true;
            default -> throw new IllegalArgumentException(PROPERTY + " must be none or attributes, was '" + value + "'");
        };
    }

    /**
     * Fills {@code popularity[p]} of each item without interactions ({@code known[p]} false) with the mean over its
     * attribute values ("name=value") of the mean popularity of the known items having the value; 0 for an item none
     * of whose values a known item has. {@code items}, {@code popularity} and {@code known} are aligned.
     */
    static void fill(double[] popularity, boolean[] known, List<Item> items) {
        Map<String, double[]> byValue = new HashMap<>();   // sum, count
        for (int p = 0; p < popularity.length; p++) {
            if (!known[p]) continue;
            for (Map.Entry<String, List<String>> a : items.get(p).attributes().values().entrySet())
                for (String v : a.getValue()) {
                    double[] s = byValue.computeIfAbsent(a.getKey() + "=" + v, k -> new double[2]);
                    s[0] += popularity[p];
                    s[1]++;
                }
        }
        for (int p = 0; p < popularity.length; p++) {
            if (known[p]) continue;
            double sum = 0;
            int n = 0;
            for (Map.Entry<String, List<String>> a : items.get(p).attributes().values().entrySet())
                for (String v : a.getValue()) {
                    double[] s = byValue.get(a.getKey() + "=" + v);
                    if (s != null) { sum += s[0] / s[1]; n++; }
                }
            popularity[p] = n == 0 ? 0 : sum / n;
        }
    }
}
