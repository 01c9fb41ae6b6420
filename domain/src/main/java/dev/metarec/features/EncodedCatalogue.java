package dev.metarec.features;

import java.util.Arrays;
import java.util.List;

/**
 * Many encoded items packed into flat arrays (compressed-sparse-row: one run of table rows per item
 * slot), built once per catalogue version and scored many times. Scoring 100,000 items from a
 * {@code List<EncodedEntity>} chases several small objects per item; from this form it streams three
 * int arrays. Immutable; per-slot maximum rows are kept so a network can validate the whole catalogue
 * in O(slots).
 */
public final class EncodedCatalogue {
    private final int size;
    private final int slots;
    private final int[] start;     // start[i * slots + f] .. start[i * slots + f + 1]: rows of item i, slot f
    private final int[] rows;
    private final int[] idRows;
    private final int[] maxRow;    // per slot
    private final int maxIdRow;

    private EncodedCatalogue(int size, int slots, int[] start, int[] rows, int[] idRows) {
        this.size = size;
        this.slots = slots;
        this.start = start;
        this.rows = rows;
        this.idRows = idRows;
        this.maxRow = new int[slots];
        Arrays.fill(maxRow, -1);
        for (int i = 0; i < size; i++)
            for (int f = 0; f < slots; f++)
                for (int p = start[i * slots + f]; p < start[i * slots + f + 1]; p++) maxRow[f] = Math.max(maxRow[f], rows[p]);
        int maxId = -1;
        for (int id : idRows) maxId = Math.max(maxId, id);
        this.maxIdRow = maxId;
    }

    /** Packs {@code items}; every item must have the same number of slots. */
    public static EncodedCatalogue of(List<EncodedEntity> items) {
        int slots = items.isEmpty() ? 0 : items.get(0).slotCount();
        int total = 0;
        for (int i = 0; i < items.size(); i++) {
            EncodedEntity e = items.get(i);
            if (e.slotCount() != slots)
                throw new IllegalArgumentException("item " + i + " has " + e.slotCount() + " slots but item 0 has " + slots);
            for (int[] s : e.slots()) {
                for (int r : s) if (r < 0) throw new IllegalArgumentException("item " + i + " has negative row " + r);
                total += s.length;
            }
            if (e.idRow() < -1) throw new IllegalArgumentException("item " + i + " has idRow " + e.idRow() + " (must be >= -1)");
        }
        int[] start = new int[items.size() * slots + 1];
        int[] rows = new int[total];
        int[] idRows = new int[items.size()];
        int at = 0;
        for (int i = 0; i < items.size(); i++) {
            EncodedEntity e = items.get(i);
            for (int f = 0; f < slots; f++) {
                start[i * slots + f] = at;
                int[] s = e.slots()[f];
                System.arraycopy(s, 0, rows, at, s.length);
                at += s.length;
            }
            idRows[i] = e.idRow();
        }
        start[items.size() * slots] = at;
        return new EncodedCatalogue(items.size(), slots, start, rows, idRows);
    }

    public int size() { return size; }

    public int slotCount() { return slots; }

    /** Largest row used in slot {@code f}, or -1 for an empty catalogue. */
    public int maxRow(int f) { return maxRow[f]; }

    /** Largest ID row used, or -1 when none has an ID. */
    public int maxIdRow() { return maxIdRow; }

    /** First index into {@link #rowAt} of item i's slot f; the slot ends where slot f + 1 (or item i + 1) starts. */
    public int slotStart(int item, int f) { return start[item * slots + f]; }

    public int slotEnd(int item, int f) { return start[item * slots + f + 1]; }

    public int rowAt(int index) { return rows[index]; }

    public int idRow(int item) { return idRows[item]; }

    /** Item i as an {@link EncodedEntity}. */
    public EncodedEntity entity(int item) {
        int[][] s = new int[slots][];
        for (int f = 0; f < slots; f++) s[f] = Arrays.copyOfRange(rows, slotStart(item, f), slotEnd(item, f));
        return new EncodedEntity(s, idRows[item]);
    }
}
