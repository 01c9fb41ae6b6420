package dev.metarec.checkpoint;

import java.nio.ByteBuffer;

/**
 * Symmetric linear quantisation of one parameter group in blocks, each block with its own bfloat16
 * scale (the absmax scheme of e.g. Dettmers et al., "LLM.int8()", NeurIPS 2022, and GGML's Q4/Q8
 * blocks). A block is one row of the group when rows have at least {@link #MIN_BLOCK} columns, else
 * the whole group. With {@code b} bits, {@code qmax = 2^(b-1) - 1}, {@code s = absmax / qmax}
 * (rounded up to a bfloat16, the top half of a float32), {@code q = rint(x / s)}: every element is restored within {@code s / 2}.
 * Codes ({@link #MIN_BITS} to {@link #MAX_BITS} bits, two's complement) are packed as one big-endian
 * bit stream per group, padded to a whole byte: 16-bit codes are shorts, 8-bit codes bytes, 4-bit codes
 * two per byte, high nibble first.
 */
final class BlockQuantizer {
    static final int MIN_BLOCK = 16;
    static final int MIN_BITS = 2;
    static final int MAX_BITS = 16;

    private BlockQuantizer() {}

    static int blockLength(int rows, int cols) { return cols >= MIN_BLOCK ? cols : rows * cols; }

    static int qmax(int bits) { return (1 << (bits - 1)) - 1; }

    /** Encoded bytes of a group of {@code size} elements in blocks of {@code blockLength} at {@code bits}. */
    static long bytes(int size, int blockLength, int bits) {
        return 2L * (size / blockLength) + ((long) size * bits + 7) / 8;
    }

    /** Writes the scales then the packed codes of {@code x[from .. from+size)}. */
    static void encode(double[] x, int from, int size, int blockLength, int bits, ByteBuffer out, String group) {
        int blocks = size / blockLength;
        float[] scales = new float[blocks];
        int qmax = qmax(bits);
        for (int k = 0; k < blocks; k++) {
            double absmax = 0;
            for (int i = from + k * blockLength, end = i + blockLength; i < end; i++) absmax = Math.max(absmax, Math.abs(x[i]));
            scales[k] = scaleFor(absmax, qmax, group);
            out.putShort((short) (Float.floatToRawIntBits(scales[k]) >>> 16));
        }
        long acc = 0;
        int pending = 0;
        int mask = (1 << bits) - 1;
        for (int k = 0; k < blocks; k++) {
            double inverse = scales[k] == 0 ? 0 : 1.0 / scales[k];
            for (int i = from + k * blockLength, end = i + blockLength; i < end; i++) {
                int q = (int) Math.max(-qmax, Math.min(qmax, Math.rint(x[i] * inverse)));
                acc = acc << bits | (q & mask);
                pending += bits;
                while (pending >= 8) {
                    out.put((byte) (acc >>> (pending - 8)));
                    pending -= 8;
                }
            }
        }
        if (pending > 0) out.put((byte) (acc << (8 - pending)));
    }

    /** Reads what {@link #encode} wrote and adds the restored values into {@code x[from ..]}. */
    static void decodeAdd(ByteBuffer in, double[] x, int from, int size, int blockLength, int bits) {
        int blocks = size / blockLength;
        float[] scales = new float[blocks];
        for (int k = 0; k < blocks; k++) {
            scales[k] = Float.intBitsToFloat((in.getShort() & 0xFFFF) << 16);
            if (!(scales[k] >= 0) || Float.isInfinite(scales[k]))
                throw new CheckpointFormatException("fast weights: block scale " + scales[k] + " is not a finite non-negative number");
        }
        byte[] b = in.array();
        int p = in.arrayOffset() + in.position();
        long needed = ((long) size * bits + 7) / 8;
        if (needed > in.remaining())
            throw new CheckpointFormatException("fast weights truncated: a group needs " + needed + " bytes of codes but " + in.remaining() + " are left");
        int acc = 0, available = 0;
        int mask = (1 << bits) - 1, unused = 32 - bits;
        for (int k = 0; k < blocks; k++) {
            double s = scales[k];
            for (int i = from + k * blockLength, end = i + blockLength; i < end; i++) {
                if (available < bits) {
                    acc = acc << 8 | (b[p++] & 0xFF);
                    available += 8;
                    if (available < bits) {
                        acc = acc << 8 | (b[p++] & 0xFF);
                        available += 8;
                    }
                }
                int q = ((acc >>> (available - bits)) & mask) << unused >> unused;
                available -= bits;
                x[i] += q * s;
            }
        }
        in.position(p - in.arrayOffset());
    }

    /**
     * The smallest bfloat16 s (a float whose low 16 bits are zero) with s * qmax >= absmax, so no code
     * is clipped and every element is restored within s / 2.
     */
    private static float scaleFor(double absmax, int qmax, String group) {
        if (absmax == 0) return 0f;
        float s = (float) (absmax / qmax);
        while ((double) s * qmax < absmax) s = Math.nextUp(s);
        int bits = Float.floatToRawIntBits(s);
        if ((bits & 0xFFFF) != 0) s = Float.intBitsToFloat((bits & 0xFFFF0000) + 0x10000);
        if (Float.isInfinite(s))
            throw new IllegalArgumentException("fast weights of " + group + " differ from the meta-parameters by " + absmax + ", beyond what the block scales hold");
        return s;
    }
}
