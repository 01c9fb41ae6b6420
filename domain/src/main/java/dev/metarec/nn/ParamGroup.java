package dev.metarec.nn;

/**
 * A named block of parameters inside a flat parameter vector: a {@code rows x cols} row-major matrix
 * starting at {@code offset}. Embedding tables are {@link Kind#TABLE}s (rows touched sparsely);
 * everything else is {@link Kind#DENSE}.
 */
public record ParamGroup(String name, Kind kind, int offset, int rows, int cols) {
    public enum Kind { TABLE, DENSE }

    public ParamGroup {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a parameter group needs a name");
        if (offset < 0 || rows <= 0 || cols <= 0)
            throw new IllegalArgumentException("group " + name + ": offset " + offset + ", rows " + rows + ", cols " + cols + " must be offset >= 0 and rows, cols > 0");
    }

    public int size() { return rows * cols; }

    public int end() { return offset + size(); }

    /** Flat index of element (row, col). */
    public int index(int row, int col) { return offset + row * cols + col; }
}
