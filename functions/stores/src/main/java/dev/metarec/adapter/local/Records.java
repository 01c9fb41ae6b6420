package dev.metarec.adapter.local;

import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.port.FastWeightStore.StoredFastWeights;
import dev.metarec.port.StoreException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary encodings of the domain records for the local store (a format byte, then length-prefixed
 * UTF-8 strings and fixed-width numbers). No Java serialisation: records stay readable across JVM and
 * class changes, and a corrupt value fails with a {@link StoreException} instead of a gadget chain.
 */
final class Records {
    private static final byte FORMAT = 1;

    private Records() {}

    interface Writer { void write(DataOutputStream out) throws IOException; }

    interface Reader<T> { T read(DataInputStream in) throws IOException; }

    static byte[] encode(Writer w) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            w.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new StoreException("can't encode a record", e);
        }
    }

    static <T> T decode(byte[] bytes, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) throw new StoreException("unknown local record format " + format);
            return r.read(in);
        } catch (IOException e) {
            throw new StoreException("corrupt local record: " + e.getMessage(), e);
        }
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) { out.writeInt(-1); return; }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    static void writeAttributes(DataOutputStream out, Attributes a) throws IOException {
        out.writeInt(a.values().size());
        for (Map.Entry<String, List<String>> e : a.values().entrySet()) {
            writeString(out, e.getKey());
            out.writeInt(e.getValue().size());
            for (String v : e.getValue()) writeString(out, v);
        }
    }

    static Attributes readAttributes(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String k = readString(in);
            int c = in.readInt();
            List<String> vs = new ArrayList<>(c);
            for (int j = 0; j < c; j++) vs.add(readString(in));
            m.put(k, vs);
        }
        return new Attributes(m);
    }

    static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) { out.writeLong(t.getEpochSecond()); out.writeInt(t.getNano()); }
    }

    static Instant readInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    static byte[] event(Event e) {
        return encode(out -> {
            writeString(out, e.eventId());
            writeString(out, e.userId());
            writeString(out, e.itemId());
            out.writeByte(e.type().ordinal());
            out.writeBoolean(e.value() != null);
            if (e.value() != null) out.writeDouble(e.value());
            writeInstant(out, e.timestamp());
        });
    }

    static Event event(byte[] b) {
        return decode(b, in -> {
            String id = readString(in), user = readString(in), item = readString(in);
            EventType type = EventType.values()[in.readByte()];
            Double value = in.readBoolean() ? in.readDouble() : null;
            return new Event(id, user, item, type, value, readInstant(in));
        });
    }

    static byte[] item(Item i) {
        return encode(out -> {
            writeString(out, i.itemId());
            writeAttributes(out, i.attributes());
            writeInstant(out, i.releasedAt());
        });
    }

    static Item item(byte[] b) { return decode(b, in -> new Item(readString(in), readAttributes(in), readInstant(in))); }

    static byte[] profile(UserProfile p) {
        return encode(out -> {
            writeString(out, p.userId());
            writeAttributes(out, p.attributes());
        });
    }

    static UserProfile profile(byte[] b) { return decode(b, in -> new UserProfile(readString(in), readAttributes(in))); }

    static byte[] fastWeights(StoredFastWeights f) {
        return encode(out -> {
            writeString(out, f.userId());
            writeString(out, f.checkpointId());
            out.writeLong(f.version());
            writeInstant(out, f.updatedAt());
            out.writeInt(f.payload().length);
            out.write(f.payload());
        });
    }

    static StoredFastWeights fastWeights(byte[] b) {
        return decode(b, in -> {
            String user = readString(in), ckpt = readString(in);
            long version = in.readLong();
            Instant at = readInstant(in);
            byte[] payload = in.readNBytes(in.readInt());
            return new StoredFastWeights(user, ckpt, version, payload, at);
        });
    }
}
