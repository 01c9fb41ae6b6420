package dev.metarec.checkpoint;

import java.nio.ByteBuffer;

/**
 * Symmetric linear quantisation of one parameter group in blocks, each block with its own float32
 * scale (the absmax scheme of e.g. Dettmers et al., "LLM.int8()", NeurIPS 2022, and GGML's Q4/Q8
 * blocks). A block is one row of the group when rows have at least {@link #MIN_BLOCK} columns, else
 * the whole group. With {@code b} bits, {@code qmax = 2^(b-1) - 1}, {@code s = absmax / qmax}
 * (rounded up to a float), {@code q = rint(x / s)}: every element is restored within {@code s / 2}.
 * Codes are packed big-endian: 16-bit as shorts, 8-bit as bytes, 4-bit two per byte (high nibble
 * first, the group padded to a whole byte).
 */
final class BlockQuantizer {
    static final int MIN_BLOCK = 16;

    private BlockQuantizer() {}

    static int blockLength(int rows, int cols) { return cols >= MIN_BLOCK ? cols : rows * cols; }

    static int qmax(int bits) { return (1 << (bits - 1)) - 1; }

    /** Encoded bytes of a group of {@code size} elements in blocks of {@code blockLength} at {@code bits}. */
    static long bytes(int size, int blockLength, int bits) {
        return 4L * (size / blockLength) + ((long) size * bits + 7) / 8;
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
            out.putFloat(scales[k]);
        }
        int nibble = -1;
        for (int i = 0; i < size; i++) {
            float s = scales[i / blockLength];
            int q = s == 0 ? 0 : (int) Math.max(-qmax, Math.min(qmax, Math.rint(x[from + i] / s)));
            switch (bits) {
                case 16 -> out.putShort((short) q);
                case 8 -> out.put((byte) q);
                case 4 -> {
                    if (nibble < 0) nibble = q & 0xF;
                    else { out.put((byte) (nibble << 4 | (q & 0xF))); nibble = -1; }
                }
                default -> throw new IllegalArgumentException("unsupported precision " + bits + " bits");
            }
        }
        if (nibble >= 0) out.put((byte) (nibble << 4));
    }

    /** Reads what {@link #encode} wrote and adds the restored values into {@code x[from ..]}. */
    static void decodeAdd(ByteBuffer in, double[] x, int from, int size, int blockLength, int bits) {
        int blocks = size / blockLength;
        float[] scales = new float[blocks];
        for (int k = 0; k < blocks; k++) {
            scales[k] = in.getFloat();
            if (!(scales[k] >= 0) || Float.isInfinite(scales[k]))
                throw new CheckpointFormatException("fast weights: block scale " + scales[k] + " is not a finite non-negative number");
        }
        int packed = 0;
        for (int i = 0; i < size; i++) {
            int q = switch (bits) {
                case 16 -> in.getShort();
                case 8 -> in.get();
                case 4 -> {
                    if ((i & 1) == 0) { packed = in.get(); yield (packed << 24) >> 28; }
                    yield (packed << 28) >> 28;
                }
                default -> throw new CheckpointFormatException("fast weights: unsupported precision " + bits + " bits");
            };
            x[from + i] += q * (double) scales[i / blockLength];
        }
    }

    /** The smallest float s with s * qmax >= absmax (so no code is clipped). */
    private static float scaleFor(double absmax, int qmax, String group) {
        if (absmax == 0) return 0f;
        float s = (float) (absmax / qmax);
        while ((double) s * qmax < absmax) s = Math.nextUp(s);
        if (Float.isInfinite(s))
            throw new IllegalArgumentException("fast weights of " + group + " differ from the meta-parameters by " + absmax + ", beyond what float scales hold");
        return s;
    }
}
