package dev.metarec.meta;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.ParamLayout;

import java.util.Arrays;

/**
 * A compact copy of the rows a {@link Gradient} touched, in its first-touch order: what one task
 * contributed, kept until the meta-batch is summed in task order. Costs the touched rows, not the
 * whole layout (a task touches a few embedding rows of large tables). Buffers are reused.
 */
final class GradientRows {
    private int[] offsets = new int[64];
    private int[] lengths = new int[64];
    private double[] values = new double[1024];
    private int rows;
    private int used;

    /** Replaces the contents with {@code g}'s touched rows. */
    void captureFrom(Gradient g) {
        rows = 0;
        used = 0;
        double[] a = g.array();
        g.forEachTouchedRow((offset, length) -> {
            if (rows == offsets.length) {
                offsets = Arrays.copyOf(offsets, rows * 2);
                lengths = Arrays.copyOf(lengths, rows * 2);
            }
            if (used + length > values.length) values = Arrays.copyOf(values, Math.max(values.length * 2, used + length));
            offsets[rows] = offset;
            lengths[rows] = length;
            System.arraycopy(a, offset, values, used, length);
            rows++;
            used += length;
        });
    }

    /** into += scale * this, row by row in the captured order. */
    void addTo(Gradient into, double scale) {
        ParamLayout layout = into.layout();
        ParamGroup group = null;
        int at = 0;
        for (int r = 0; r < rows; r++) {
            int offset = offsets[r];
            if (group == null || offset < group.offset() || offset >= group.end()) group = layout.groupAt(offset);
            into.addToRow(group, (offset - group.offset()) / group.cols(), values, at, scale);
            at += lengths[r];
        }
    }
}
