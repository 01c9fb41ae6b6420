package dev.metarec.features;

/**
 * A user or item as embedding-table rows: {@code slots[f]} are the rows of feature f's table whose
 * embeddings are mean-pooled (one row for categorical/numeric; one per value for multi; row 0, the
 * "missing" row, when the attribute is absent). {@code idRow} is the row in the ID-embedding table,
 * or -1 when the entity has none (no history at training time), in which case the model falls back.
 */
public record EncodedEntity(int[][] slots, int idRow) {
    public EncodedEntity {
        for (int[] s : slots) if (s.length == 0) throw new IllegalArgumentException("an encoded slot needs at least one row (row 0 = missing)");
    }

    public int slotCount() { return slots.length; }
}
