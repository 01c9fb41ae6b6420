package dev.metarec.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Big-endian primitives, length-prefixed UTF-8 strings and arrays, over a growing byte array. */
final class BinaryWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    BinaryWriter writeInt(int v) { return io(() -> out.writeInt(v)); }

    BinaryWriter writeLong(long v) { return io(() -> out.writeLong(v)); }

    BinaryWriter writeDouble(double v) { return io(() -> out.writeDouble(v)); }

    BinaryWriter writeBoolean(boolean v) { return io(() -> out.writeBoolean(v)); }

    BinaryWriter writeBytes(byte[] b) { return io(() -> out.write(b)); }

    BinaryWriter writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return writeInt(b.length).writeBytes(b);
    }

    BinaryWriter writeStrings(List<String> strings) {
        writeInt(strings.size());
        for (String s : strings) writeString(s);
        return this;
    }

    BinaryWriter writeInts(List<Integer> ints) {
        writeInt(ints.size());
        for (int i : ints) writeInt(i);
        return this;
    }

    /** Count, then the values, converted in chunks (fast for multi-megabyte parameter vectors). */
    BinaryWriter writeDoubles(double[] v) { return writeChunked(v.length, Double.BYTES, (chunk, from, n) -> chunk.asDoubleBuffer().put(v, from, n)); }

    /** Count, then the values as IEEE-754 singles, converted in chunks. */
    BinaryWriter writeFloats(float[] v) { return writeChunked(v.length, Float.BYTES, (chunk, from, n) -> chunk.asFloatBuffer().put(v, from, n)); }

    /** Puts values {@code from .. from + n} of an array into {@code chunk}, from its start. */
    private interface ChunkFill { void put(ByteBuffer chunk, int from, int n); }

    private static final int CHUNK = 4096;

    /** Count, then {@code length} values of {@code width} bytes each, filled into a buffer {@link #CHUNK} values at a time. */
    private BinaryWriter writeChunked(int length, int width, ChunkFill fill) {
        writeInt(length);
        ByteBuffer chunk = ByteBuffer.allocate(width * CHUNK);
        for (int from = 0; from < length; from += CHUNK) {
            int n = Math.min(CHUNK, length - from);
            chunk.clear();
            fill.put(chunk, from, n);
            byte[] b = chunk.array();
            int len = width * n;
            io(() -> out.write(b, 0, len));
        }
        return this;
    }

    /** A section: 4-byte ASCII tag, int length, then the body. */
    BinaryWriter writeSection(String tag, BinaryWriter body) {
        byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
        if (t.length != 4) throw new IllegalArgumentException("a section tag has 4 ASCII characters, '" + tag + "' has " + t.length);
        byte[] b = body.toByteArray();
        return writeBytes(t).writeInt(b.length).writeBytes(b);
    }

    int size() { return bytes.size(); }

    byte[] toByteArray() { return bytes.toByteArray(); }

    private interface IoAction { void run() throws IOException; }

    private BinaryWriter io(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return this;
    }
}
