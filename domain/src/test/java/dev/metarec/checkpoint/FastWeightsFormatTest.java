package dev.metarec.checkpoint;

import dev.metarec.nn.FastLayout;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins format version 1 of {@link FastWeightsCodec} byte for byte: stored payloads outlive the code
 * that wrote them, so a change to the bytes must come with a new format version (and this test).
 */
class FastWeightsFormatTest {
    private static final ParamLayout LAYOUT = ParamLayout.builder().table("emb", 2, 2).dense("w", 2, 16).dense("b", 1, 3).build();
    private static final FastLayout FAST = new FastLayout(LAYOUT, List.of("w", "b"));
    private static final Params META;
    private static final double[] FAST_WEIGHTS = new double[35];

    static {
        double[] v = new double[LAYOUT.size()];
        for (int i = 0; i < v.length; i++) v[i] = i * 0.125;
        META = new Params(LAYOUT, v);
        double[] start = FAST.gather(META);
        for (int k = 0; k < 32; k++) FAST_WEIGHTS[k] = start[k] + (k - 16) / 64.0;   // w changes: one block per row
        for (int k = 32; k < 35; k++) FAST_WEIGHTS[k] = start[k];                   // b unchanged
    }

    private static final String PINNED_V1 = "4d5246570100000023e21d407035d7cd9910370136f180fe88ee90de98cea0bfa8afb09fb88fc07fc86fd05fd84fe040e830f020f8100000087f10ff197e21fe2a7d32fd3b7c43fc4c7b54fb5d7a65fa6e7976f97f78000b7a73ee";

    @Test
    void version1Bytes_arePinned() {
        byte[] payload = new FastWeightsCodec(40).encode(FAST, META, FAST_WEIGHTS);
        assertEquals(PINNED_V1, HexFormat.of().formatHex(payload));
    }

    @Test
    void pinnedVersion1Payload_decodes() {
        double[] back = new FastWeightsCodec().decode(HexFormat.of().parseHex(PINNED_V1), FAST, META);
        double[] start = FAST.gather(META);
        for (int k = 32; k < 35; k++) assertEquals(start[k], back[k], 0.0);
        for (int k = 0; k < 32; k++) assertEquals(FAST_WEIGHTS[k], back[k], 0.25 / 32767 / 2 * 1.01);
    }

    @Test
    void version1SubBytePacking_isPinned() throws Exception {
        ParamLayout layout = ParamLayout.builder().dense("big", 64, 16).build();
        FastLayout fast = new FastLayout(layout, List.of("big"));
        double[] v = new double[layout.size()], f = new double[layout.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = StrictMath.sin(i);
            f[i] = v[i] + StrictMath.cos(3 * i) / (1 + i % 7);
        }
        FastWeightsCodec codec = new FastWeightsCodec(600);
        assertArrayEquals(new int[] {3}, codec.precision(fast));
        byte[] payload = codec.encode(fast, Params.wrap(layout, v), f);
        assertEquals(17 + 4 + 1 + 64 * 2 + 1024 * 3 / 8, payload.length);
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(payload);
        assertEquals("579c0f2576c089e50a5062cdd4bc903e1a21bfab1b29f6551deddf0beb2e750d", HexFormat.of().formatHex(sha));
    }
}
