package dev.metarec.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link BinaryWriter} wrote, from a byte range, checking every length against what is
 * left: running out or a negative count is a {@link CheckpointFormatException} naming the part being
 * read, never a buffer exception or a huge allocation.
 */
final class BinaryReader {
    private final ByteBuffer buf;
    private final String part;

    BinaryReader(byte[] bytes, int offset, int length, String part) {
        this.buf = ByteBuffer.wrap(bytes, offset, length).slice();
        this.part = part;
    }

    int remaining() { return buf.remaining(); }

    int position() { return buf.position(); }

    int readInt() { need(4, "an int"); return buf.getInt(); }

    long readLong() { need(8, "a long"); return buf.getLong(); }

    double readDouble() { need(8, "a double"); return buf.getDouble(); }

    boolean readBoolean() {
        need(1, "a boolean");
        byte b = buf.get();
        if (b != 0 && b != 1) throw fail("a boolean must be 0 or 1, was " + b);
        return b == 1;
    }

    byte[] readBytes(int n) {
        need(n, n + " bytes");
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    /** A count of elements of at least {@code minBytesEach} bytes that must fit in what is left. */
    int readCount(String what, int minBytesEach) {
        int n = readInt();
        if (n < 0) throw fail("negative count " + n + " of " + what);
        if ((long) n * minBytesEach > buf.remaining())
            throw fail(n + " " + what + " need at least " + (long) n * minBytesEach + " bytes but " + buf.remaining() + " are left");
        return n;
    }

    String readString(String what) {
        int n = readCount("bytes of " + what, 1);
        byte[] b = new byte[n];
        buf.get(b);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw fail(what + " is not valid UTF-8");
        }
    }

    List<String> readStrings(String what) {
        int n = readCount(what, 4);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(readString(what));
        return out;
    }

    List<Integer> readInts(String what) {
        int n = readCount(what, 4);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(buf.getInt());
        return out;
    }

    double[] readDoubles(String what) {
        int n = readCount(what, 8);
        double[] v = new double[n];
        buf.asDoubleBuffer().get(v);
        buf.position(buf.position() + 8 * n);
        return v;
    }

    float[] readFloats(String what) {
        int n = readCount(what, 4);
        float[] v = new float[n];
        buf.asFloatBuffer().get(v);
        buf.position(buf.position() + 4 * n);
        return v;
    }

    /** Throws unless every byte of this part was read. */
    void requireEnd() {
        if (buf.hasRemaining()) throw fail(buf.remaining() + " unread bytes at the end");
    }

    CheckpointFormatException fail(String message) { return new CheckpointFormatException(part + ": " + message); }

    private void need(int n, String what) {
        if (buf.remaining() < n) throw fail("truncated: needed " + what + " but " + buf.remaining() + " bytes are left");
    }
}
