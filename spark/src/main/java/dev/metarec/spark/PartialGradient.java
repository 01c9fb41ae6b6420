package dev.metarec.spark;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.ParamLayout;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/**
 * The meta-gradient summed over the meta-batch tasks one part of the users held (a partition, or a node of
 * the reduction tree), with their losses: only the touched rows travel, as (offset, length) and values.
 *
 * @param part    the partition (or tree node) it came from: partials are always added in this order
 * @param tasks   how many meta-batch tasks it sums
 */
record PartialGradient(int part, int[] offsets, int[] lengths, double[] values, double querySum, double supportSum, int tasks)
        implements Serializable {
    static final Comparator<PartialGradient> BY_PART = Comparator.comparingInt(PartialGradient::part);

    static PartialGradient of(int part, Gradient g, double querySum, double supportSum, int tasks) {
        int rows = g.touchedRowCount();
        int[] offsets = new int[rows], lengths = new int[rows];
        int[] at = new int[2];
        g.forEachTouchedRow((off, len) -> { offsets[at[0]] = off; lengths[at[0]++] = len; at[1] += len; });
        double[] values = new double[at[1]];
        double[] a = g.array();
        int v = 0;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, offsets[r], values, v, lengths[r]);
            v += lengths[r];
        }
        return new PartialGradient(part, offsets, lengths, values, querySum, supportSum, tasks);
    }

    /** into += this, row by row (each element: into[i] + this[i]). */
    void addTo(Gradient into) {
        ParamLayout layout = into.layout();
        ParamGroup group = null;
        int v = 0;
        for (int r = 0; r < offsets.length; r++) {
            int offset = offsets[r];
            if (group == null || offset < group.offset() || offset >= group.end()) group = layout.groupAt(offset);
            into.addToRow(group, (offset - group.offset()) / group.cols(), values, v, 1.0);
            v += lengths[r];
        }
    }

    /** Bytes of gradient this carries (values and row index), for the bytes-moved figure. */
    long payloadBytes() { return 8L * values.length + 8L * offsets.length; }

    /**
     * The sum of {@code parts} in part order, labelled {@code part}; a single part is returned as it is,
     * so one partition holding the whole meta-batch gives exactly the in-process sum.
     */
    static PartialGradient sum(int part, List<PartialGradient> parts, ParamLayout layout) {
        List<PartialGradient> sorted = parts.stream().sorted(BY_PART).toList();
        if (sorted.size() == 1) {
            PartialGradient p = sorted.get(0);
            return new PartialGradient(part, p.offsets, p.lengths, p.values, p.querySum, p.supportSum, p.tasks);
        }
        Gradient total = new Gradient(layout);
        double query = 0, support = 0;
        int tasks = 0;
        for (PartialGradient p : sorted) {
            p.addTo(total);
            query += p.querySum;
            support += p.supportSum;
            tasks += p.tasks;
        }
        return of(part, total, query, support, tasks);
    }
}
