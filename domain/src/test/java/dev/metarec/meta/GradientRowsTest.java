package dev.metarec.meta;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.ParamLayout;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GradientRowsTest {
    private final ParamLayout layout = ParamLayout.builder().table("emb", 1000, 4).dense("w", 3, 2).build();

    @Test
    void capturedRows_addBackExactlyAsTheGradientItself_andOnlyTheTouchedRows() {
        Gradient g = new Gradient(layout);
        g.addToRow(layout.group("emb"), 700, new double[]{1, 2, 3, 4}, 0, 0.5);
        g.addToRow(layout.group("w"), 2, new double[]{-1, 7}, 0, 1.0);
        g.add(layout.group("emb").index(3, 1), 2.5);
        GradientRows rows = new GradientRows();
        rows.captureFrom(g);
        g.clear();                                   // the capture is a copy

        Gradient viaRows = new Gradient(layout), direct = new Gradient(layout);
        rows.addTo(viaRows, 0.25);
        Gradient again = new Gradient(layout);
        again.addToRow(layout.group("emb"), 700, new double[]{1, 2, 3, 4}, 0, 0.5);
        again.addToRow(layout.group("w"), 2, new double[]{-1, 7}, 0, 1.0);
        again.add(layout.group("emb").index(3, 1), 2.5);
        direct.addScaled(again, 0.25);

        assertArrayEquals(direct.toDenseArray(), viaRows.toDenseArray(), 0.0);
        assertEquals(3, viaRows.touchedRowCount());
    }

    @Test
    void capture_replacesThePreviousContents_andGrowsItsBuffers() {
        GradientRows rows = new GradientRows();
        Gradient big = new Gradient(layout);
        for (int r = 0; r < 500; r++) big.addToRow(layout.group("emb"), r, new double[]{r, r, r, r}, 0, 1.0);
        rows.captureFrom(big);
        Gradient small = new Gradient(layout);
        small.add(layout.group("w").index(0, 0), 1.0);
        rows.captureFrom(small);
        Gradient out = new Gradient(layout);
        rows.addTo(out, 1.0);
        assertEquals(1, out.touchedRowCount());
        assertEquals(1.0, out.get(layout.group("w").index(0, 0)));
    }
}
