package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.checkpoint.CheckpointFormatException;
import dev.metarec.meta.MetaTrainState;
import dev.metarec.optim.AdamState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A meta-train run in progress: the run's id, the champion it started from (empty = bootstrap), the
 * challenger so far (config, features and parameters as a checkpoint) and the optimiser state. Encoded
 * as magic "MRTP", version, fields, the checkpoint bytes (self-checking), and a CRC32C trailer; a
 * corrupt blob is rejected with {@link CheckpointFormatException} and the run restarts.
 */
record TrainingProgress(String runId, String baseChampion, Checkpoint challenger, MetaTrainState state) {
    private static final int MAGIC = 0x4D525450;
    private static final byte VERSION = 1;

    byte[] encode(CheckpointCodec codec) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeUTF(runId);
            out.writeUTF(baseChampion);
            out.writeLong(state.step());
            out.writeLong(state.cursor());
            out.writeInt(state.taskCount());
            AdamState adam = state.optimizer();
            out.writeLong(adam.step());
            writeArray(out, adam.firstMoment());
            writeArray(out, adam.secondMoment());
            byte[] ckpt = codec.encode(challenger);
            out.writeInt(ckpt.length);
            out.write(ckpt);
            out.flush();
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("can't encode training progress", e);
        }
    }

    static TrainingProgress decode(byte[] blob, CheckpointCodec codec) {
        if (blob.length < 16) throw new CheckpointFormatException("training progress of " + blob.length + " bytes is truncated");
        CRC32C crc = new CRC32C();
        crc.update(blob, 0, blob.length - 8);
        long stored = java.nio.ByteBuffer.wrap(blob, blob.length - 8, 8).getLong();
        if (stored != crc.getValue()) throw new CheckpointFormatException("training progress checksum mismatch");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob, 0, blob.length - 8))) {
            if (in.readInt() != MAGIC || in.readByte() != VERSION) throw new CheckpointFormatException("not a version-" + VERSION + " training progress");
            String runId = in.readUTF();
            String base = in.readUTF();
            long step = in.readLong(), cursor = in.readLong();
            int taskCount = in.readInt();
            long t = in.readLong();
            double[] m = readArray(in), v = readArray(in);
            Checkpoint c = codec.decode(in.readNBytes(in.readInt()));
            if (m.length != c.params().size() || v.length != c.params().size())
                throw new CheckpointFormatException("optimiser state of " + m.length + " does not match " + c.params().size() + " parameters");
            return new TrainingProgress(runId, base, c, new MetaTrainState(c.params(), new AdamState(c.params().layout(), t, m, v), step, cursor, taskCount));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CheckpointFormatException f) throw f;
            throw new CheckpointFormatException("corrupt training progress: " + e.getMessage(), e);
        }
    }

    private static void writeArray(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double x : a) out.writeDouble(x);
    }

    private static double[] readArray(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000_000) throw new CheckpointFormatException("array length " + n + " out of range");
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = in.readDouble();
        if (Arrays.stream(a).anyMatch(x -> !Double.isFinite(x))) throw new CheckpointFormatException("non-finite optimiser state");
        return a;
    }
}
