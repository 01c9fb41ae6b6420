package dev.metarec.nn;

import java.util.Arrays;

/**
 * A gradient accumulator over a {@link ParamLayout}, sparse by row: only rows that were written are
 * visited by {@link #forEachTouchedRow} and cleared by {@link #clear}, so a task that touches 50 of
 * 10,000 embedding rows costs 50 rows. Mutable and not thread-safe: one per thread or task.
 * Rows are visited in the order they were first touched, which is deterministic for a given input.
 */
public final class Gradient {
    private final ParamLayout layout;
    private final double[] values;
    private final boolean[] touched;      // per global row id
    private final int[] rowStart;         // global row id -> flat offset
    private final int[] rowLength;
    private final int[] groupFirstRow;    // group ordinal -> first global row id
    private final int[] groupOffsets;     // group ordinal -> flat offset (ascending), for ordinal lookup
    private int[] touchedRows = new int[64];
    private int touchedCount;

    public Gradient(ParamLayout layout) {
        this.layout = layout;
        this.values = new double[layout.size()];
        int rows = 0;
        for (ParamGroup g : layout.groups()) rows += g.rows();
        touched = new boolean[rows];
        rowStart = new int[rows];
        rowLength = new int[rows];
        groupFirstRow = new int[layout.groups().size()];
        groupOffsets = layout.groups().stream().mapToInt(ParamGroup::offset).toArray();
        int r = 0, gi = 0;
        for (ParamGroup g : layout.groups()) {
            groupFirstRow[gi++] = r;
            for (int k = 0; k < g.rows(); k++, r++) {
                rowStart[r] = g.offset() + k * g.cols();
                rowLength[r] = g.cols();
            }
        }
    }

    public ParamLayout layout() { return layout; }

    /** Marks (group, row) as touched and returns the flat offset of its first element. */
    public int touchRow(ParamGroup group, int row) {
        int ordinal = Arrays.binarySearch(groupOffsets, group.offset());   // groups are laid out in ascending offsets
        if (ordinal < 0 || (layout.groups().get(ordinal) != group && !layout.groups().get(ordinal).equals(group)))
            throw new IllegalArgumentException("group " + group.name() + " is not in this layout");
        if (row < 0 || row >= group.rows())
            throw new IndexOutOfBoundsException("row " + row + " outside group " + group.name() + "'s " + group.rows() + " rows");
        return touchGlobalRow(groupFirstRow[ordinal] + row);
    }

    private int touchGlobalRow(int globalRow) {
        if (!touched[globalRow]) {
            touched[globalRow] = true;
            if (touchedCount == touchedRows.length) touchedRows = Arrays.copyOf(touchedRows, touchedCount * 2);
            touchedRows[touchedCount++] = globalRow;
        }
        return rowStart[globalRow];
    }

    /** values[row of group][*] += scale * v[vOffset ..]. */
    public void addToRow(ParamGroup group, int row, double[] v, int vOffset, double scale) {
        int at = touchRow(group, row);
        for (int c = 0; c < group.cols(); c++) values[at + c] += scale * v[vOffset + c];
    }

    /** values[flatIndex] += delta (marks the row containing it). */
    public void add(int flatIndex, double delta) {
        ParamGroup g = layout.groupAt(flatIndex);
        int local = flatIndex - g.offset();
        touchRow(g, local / g.cols());
        values[flatIndex] += delta;
    }

    /** Direct array for kernels that have already called {@link #touchRow}. */
    public double[] array() { return values; }

    public double get(int flatIndex) { return values[flatIndex]; }

    /** this += scale * other, over the rows other touched (in other's order). */
    public void addScaled(Gradient other, double scale) {
        if (!other.layout.equals(layout)) throw new IllegalArgumentException("can't add gradients of different layouts");
        for (int t = 0; t < other.touchedCount; t++) {
            int r = other.touchedRows[t];
            int at = touchGlobalRow(r);
            for (int c = 0; c < rowLength[r]; c++) values[at + c] += scale * other.values[at + c];
        }
    }

    public interface RowVisitor { void visit(int flatOffset, int length); }

    /** Visits every touched row as (flat offset, length), in first-touch order. */
    public void forEachTouchedRow(RowVisitor visitor) {
        for (int t = 0; t < touchedCount; t++) {
            int r = touchedRows[t];
            visitor.visit(rowStart[r], rowLength[r]);
        }
    }

    public int touchedRowCount() { return touchedCount; }

    /** Zeroes the touched rows only. */
    public void clear() {
        for (int t = 0; t < touchedCount; t++) {
            int r = touchedRows[t];
            Arrays.fill(values, rowStart[r], rowStart[r] + rowLength[r], 0.0);
            touched[r] = false;
        }
        touchedCount = 0;
    }

    /** A dense copy (for tests and finite-difference checks). */
    public double[] toDenseArray() { return values.clone(); }

    /** Throws {@link NonFiniteException} naming the group if a touched element is not finite. */
    public void requireFinite(String where) {
        for (int t = 0; t < touchedCount; t++) {
            int r = touchedRows[t];
            for (int c = 0; c < rowLength[r]; c++) {
                double x = values[rowStart[r] + c];
                if (!Double.isFinite(x)) throw new NonFiniteException(where, "gradient of " + layout.groupAt(rowStart[r]).name(), x);
            }
        }
    }
}
