package dev.metarec.service;

import dev.metarec.checkpoint.CheckpointFormatException;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The binary form of an event-log snapshot: gzip (its CRC-32 detects corruption) of magic {@code MREL},
 * format version, event count, then per event its ids, type, optional value and timestamp (epoch ms).
 */
public final class EventLogCodec {
    private static final int MAGIC = 0x4D52454C; // "MREL"
    private static final int VERSION = 1;

    private EventLogCodec() {}

    public static byte[] encode(List<Event> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + events.size() * 32);
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(events.size());
            for (Event e : events) {
                out.writeUTF(e.eventId());
                out.writeUTF(e.userId());
                out.writeUTF(e.itemId());
                out.writeByte(e.type().ordinal());
                out.writeBoolean(e.value() != null);
                if (e.value() != null) out.writeDouble(e.value());
                out.writeLong(e.timestamp().toEpochMilli());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("can't encode the event log", e);
        }
        return bytes.toByteArray();
    }

    /** @throws CheckpointFormatException when the bytes are not a whole, intact snapshot */
    public static List<Event> decode(byte[] snapshot) {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(snapshot), 1 << 16))) {
            if (in.readInt() != MAGIC) throw new CheckpointFormatException("not an event-log snapshot (bad magic)");
            int version = in.readInt();
            if (version != VERSION) throw new CheckpointFormatException("event-log snapshot format " + version + " is not supported (expected " + VERSION + ")");
            int n = in.readInt();
            if (n < 0) throw new CheckpointFormatException("event-log snapshot has a negative event count " + n);
            EventType[] types = EventType.values();
            List<Event> events = new ArrayList<>(Math.min(n, 1 << 20));
            for (int i = 0; i < n; i++) {
                String eventId = in.readUTF(), userId = in.readUTF(), itemId = in.readUTF();
                int t = in.readUnsignedByte();
                if (t >= types.length) throw new CheckpointFormatException("event " + i + " has unknown type " + t);
                Double value = in.readBoolean() ? in.readDouble() : null;
                events.add(new Event(eventId, userId, itemId, types[t], value, Instant.ofEpochMilli(in.readLong())));
            }
            if (in.read() != -1) throw new CheckpointFormatException("event-log snapshot has bytes after its " + n + " events");
            return events;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new CheckpointFormatException("event-log snapshot is truncated or corrupt: " + e.getMessage(), e);
        }
    }
}
