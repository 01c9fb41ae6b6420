package dev.metarec.eval.method;

import dev.metarec.eval.protocol.Rated;
import dev.metarec.model.Item;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binarised user-item data of training histories: row u holds the distinct catalogue indices of the
 * items user u interacted with (any event, any rating), ascending. Items are indexed in catalogue order;
 * an event on an item outside the catalogue is an error. Immutable.
 */
final class InteractionMatrix {
    private final Map<String, Integer> index = new HashMap<>();
    private final int[][] rows;
    private final int[] itemUsers;

    InteractionMatrix(List<Item> catalogue, List<List<Rated>> histories) {
        for (int i = 0; i < catalogue.size(); i++) index.put(catalogue.get(i).itemId(), i);
        rows = new int[histories.size()][];
        itemUsers = new int[catalogue.size()];
        for (int u = 0; u < rows.length; u++) {
            rows[u] = indices(histories.get(u), true);
            for (int i : rows[u]) itemUsers[i]++;
        }
    }

    int items() { return itemUsers.length; }

    int users() { return rows.length; }

    /** The distinct item indices of user u, ascending. */
    int[] row(int u) { return rows[u]; }

    /** The number of users who interacted with item i. */
    int users(int item) { return itemUsers[item]; }

    /** Catalogue index of an item id, or -1. */
    int indexOf(String itemId) { return index.getOrDefault(itemId, -1); }

    /** Distinct catalogue indices of the events' items, ascending; unknown items are skipped unless {@code strict}. */
    int[] indices(List<Rated> events, boolean strict) {
        int[] out = new int[events.size()];
        int n = 0;
        for (Rated r : events) {
            Integer i = index.get(r.itemId());
            if (i == null) {
                if (strict) throw new IllegalArgumentException("item " + r.itemId() + " is not in the catalogue");
                continue;
            }
            out[n++] = i;
        }
        return Arrays.stream(out, 0, n).distinct().sorted().toArray();
    }

    /** For each item, the users who interacted with it (ascending user index). */
    int[][] columns() {
        int[][] cols = new int[itemUsers.length][];
        int[] fill = new int[itemUsers.length];
        for (int i = 0; i < cols.length; i++) cols[i] = new int[itemUsers[i]];
        for (int u = 0; u < rows.length; u++) for (int i : rows[u]) cols[i][fill[i]++] = u;
        return cols;
    }
}
