package dev.metarec.checkpoint;

import dev.metarec.nn.FastLayout;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.Params;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastWeightsCodecTest {
    private final FastWeightsCodec codec = new FastWeightsCodec();
    private final FastLayout melu = CheckpointFixtures.meluFastLayout();
    private final Params meta = CheckpointFixtures.randomParams(melu.layout(), 3);

    /** Adapted weights: meta plus a delta whose size varies by row (as after a few gradient steps). */
    private double[] adapted(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] fast = melu.gather(meta);
        for (int k = 0; k < fast.length; k++) fast[k] += r.nextGaussian() * 1e-3 * (1 + (k / 64) % 7);
        return fast;
    }

    @Test
    void meluSizeFastWeights_fitIn16KB() {
        assertEquals(20_674, melu.size());
        assertEquals(List.of("mlp.0.W", "mlp.0.b", "mlp.1.W", "mlp.1.b", "out.W", "out.b", "user.bias"), melu.names());
        assertArrayEquals(new int[] {6, 16, 5, 16, 16, 16, 16}, codec.precision(melu));
        byte[] payload = codec.encode(melu, meta, adapted(1));
        assertEquals(15_914, payload.length);
        assertTrue(payload.length <= 16_000);
        assertEquals(codec.maxEncodedSize(melu), payload.length);
    }

    @Test
    void roundTrip_restoresEveryWeightWithinHalfItsBlockScale() {
        double[] fast = adapted(2);
        double[] back = codec.decode(codec.encode(melu, meta, fast), melu, meta);
        double[] start = melu.gather(meta);
        int[] bits = codec.precision(melu);
        double worstRelative = 0;
        for (int g = 0; g < bits.length; g++) {
            FastLayout.Slot s = melu.slots().get(g);
            ParamGroup grp = s.group();
            int block = BlockQuantizer.blockLength(grp.rows(), grp.cols());
            for (int b0 = s.fastOffset(); b0 < s.fastOffset() + s.size(); b0 += block) {
                double absmax = 0;
                for (int k = b0; k < b0 + block; k++) absmax = Math.max(absmax, Math.abs(fast[k] - start[k]));
                double bound = absmax / BlockQuantizer.qmax(bits[g]) / 2 * (1 + 1.0 / 64) + 1e-15;
                for (int k = b0; k < b0 + block; k++) {
                    double err = Math.abs(back[k] - fast[k]);
                    assertTrue(err <= bound, grp.name() + " element " + k + ": error " + err + " > bound " + bound);
                    worstRelative = Math.max(worstRelative, err / absmax);
                }
            }
        }
        assertTrue(worstRelative > 0.005, "5- and 6-bit blocks really are lossy; the test would not notice a lossless no-op otherwise");
    }

    @Test
    void unchangedGroups_restoreExactly_andCostOneByte() {
        double[] fast = melu.gather(meta);
        int bias = melu.slot("user.bias").fastOffset();
        fast[bias] += 0.25;
        byte[] payload = codec.encode(melu, meta, fast);
        assertTrue(payload.length < 40, "only user.bias changed, payload was " + payload.length);
        double[] back = codec.decode(payload, melu, meta);
        for (int k = 0; k < fast.length; k++) if (k != bias) assertEquals(fast[k], back[k], 0.0);
        assertEquals(fast[bias], back[bias], 0.25 / 32767 / 2 * 1.01);
    }

    @Test
    void everyPrecision_roundTripsWithinHalfAScale() {
        FastLayout one = new FastLayout(melu.layout(), List.of("mlp.1.W"));
        for (int budget = 200; budget <= 9000; budget += 512) {
            FastWeightsCodec c = new FastWeightsCodec(budget);
            int bits = c.precision(one)[0];
            double[] start = one.gather(meta), fast = start.clone();
            SplittableRandom r = new SplittableRandom(budget);
            for (int k = 0; k < fast.length; k++) fast[k] += r.nextDouble(-0.02, 0.02);
            double[] back = c.decode(c.encode(one, meta, fast), one, meta);
            for (int row = 0; row < 64; row++) {
                double absmax = 0;
                for (int k = row * 64; k < row * 64 + 64; k++) absmax = Math.max(absmax, Math.abs(fast[k] - start[k]));
                for (int k = row * 64; k < row * 64 + 64; k++)
                    assertTrue(Math.abs(back[k] - fast[k]) <= absmax / BlockQuantizer.qmax(bits) / 2 * 1.01 + 1e-15, bits + " bits, element " + k);
            }
        }
    }

    @Test
    void encode_isDeterministic() {
        assertArrayEquals(codec.encode(melu, meta, adapted(5)), codec.encode(melu, meta, adapted(5)));
    }

    @Test
    void encode_rejectsNonFiniteWeights_namingTheGroup() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] fast = adapted(6);
            fast[melu.slot("mlp.1.b").fastOffset() + 3] = bad;
            NonFiniteException e = assertThrows(NonFiniteException.class, () -> codec.encode(melu, meta, fast));
            assertEquals("mlp.1.b", e.group());
        }
    }

    @Test
    void encode_rejectsWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> codec.encode(melu, meta, new double[10]));
    }

    @Test
    void everySingleByteCorruption_isRejected() {
        byte[] good = codec.encode(melu, meta, adapted(7));
        for (int i = 0; i < good.length; i++) {
            for (int mask : new int[] {0x01, 0xFF}) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) mask;
                int at = i;
                assertThrows(CheckpointFormatException.class, () -> codec.decode(bad, melu, meta), () -> "byte " + at + " was accepted");
            }
        }
    }

    @Test
    void everyTruncation_isRejected() {
        byte[] good = codec.encode(melu, meta, adapted(8));
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(CheckpointFormatException.class, () -> codec.decode(cut, melu, meta));
        }
    }

    @Test
    void wrongVersion_isRejected() {
        byte[] payload = codec.encode(melu, meta, adapted(9));
        payload[4] = 2;
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> codec.decode(payload, melu, meta));
        assertTrue(e.getMessage().contains("unsupported fast-weights format version 2"), e.getMessage());
    }

    @Test
    void payloadForAnotherFastLayout_isRejected() {
        byte[] payload = codec.encode(melu, meta, adapted(10));
        FastLayout other = new FastLayout(melu.layout(), List.of("mlp.0.W", "mlp.0.b", "mlp.1.W", "mlp.1.b", "out.W", "out.b", "user.offset"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> codec.decode(payload, other, meta));
        assertTrue(e.getMessage().contains("fast layout has"), e.getMessage());
        FastLayout reordered = new FastLayout(melu.layout(), List.of("mlp.0.b", "mlp.0.W", "mlp.1.W", "mlp.1.b", "out.W", "out.b", "user.bias"));
        e = assertThrows(CheckpointFormatException.class, () -> codec.decode(payload, reordered, meta));
        assertTrue(e.getMessage().contains("other adapted groups"), e.getMessage());
    }

    @Test
    void payloadAdaptedFromOtherMetaParameters_isRejected() {
        byte[] payload = codec.encode(melu, meta, adapted(13));
        Params otherCheckpoint = CheckpointFixtures.randomParams(melu.layout(), 99);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> codec.decode(payload, melu, otherCheckpoint));
        assertTrue(e.getMessage().contains("other meta-parameters"), e.getMessage());
    }

    @Test
    void largeBudget_keeps16BitsEverywhere() {
        int[] bits = new FastWeightsCodec(1 << 20).precision(melu);
        for (int b : bits) assertEquals(16, b);
        double[] fast = adapted(12);
        double[] back = new FastWeightsCodec(1 << 20).decode(new FastWeightsCodec(1 << 20).encode(melu, meta, fast), melu, meta);
        for (int k = 0; k < fast.length; k++) assertEquals(fast[k], back[k], 1e-6);
    }

    @Test
    void tightBudget_dropsMatricesToTwoBitsThenStops() {
        FastWeightsCodec tiny = new FastWeightsCodec(100);
        assertArrayEquals(new int[] {2, 16, 2, 16, 16, 16, 16}, tiny.precision(melu));
        byte[] payload = tiny.encode(melu, meta, adapted(11));
        assertTrue(payload.length > 100, "the budget is a target; 2 bits is the floor");
        assertEquals(melu.size(), tiny.decode(payload, melu, meta).length);
    }
}
