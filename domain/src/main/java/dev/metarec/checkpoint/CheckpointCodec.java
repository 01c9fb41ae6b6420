package dev.metarec.checkpoint;

import dev.metarec.rank.ItemNeighbours;
import dev.metarec.rank.RankBlend;
import dev.metarec.rank.RankPrior;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The checkpoint file format, version 3 (this build also reads versions 1 and 2). Big-endian throughout; no Java serialisation.
 *
 * <pre>
 * magic         8 bytes   0x89 'M' 'R' 'C' 'K' 'P' 'T' '\n'
 * version       int       3
 * totalLength   long      length of the whole file, checksum included
 * sections, each: tag (4 ASCII bytes), int length, body; in this order:
 *   META  checkpoint id, createdAt (epoch second long, nano int), learner, training step, metrics (name, double)*
 *   CONF  model configuration: feature specs, embedding dim, hidden widths, objective, adapted groups, ID flags, inner lr,
 *         then the support shrinkage tau (double) only when tau != 0; a CONF without it reads as tau = 0
 *   FEAT  feature vocabularies: per feature spec, known values, numeric boundaries; optional user/item id lists
 *   PARM  parameter layout (name, kind, rows, cols per group) and the values (IEEE-754 doubles)
 *   RANK  optional (absent: {@link dev.metarec.rank.RankPrior#NONE}): item neighbours (max neighbours, shrinkage, item ids,
 *         per item the neighbour indices and float similarities) and the blend (bucket bounds, five weights each:
 *         network, popularity, neighbours, encoder, forward neighbours; version 1 wrote the first three and version 2
 *         the first four, read with the missing weights 0)
 *   BASE  optional (absent: {@link dev.metarec.rank.ItemBaseline#NONE}): the item baseline the network was trained on
 *         (item ids, one double each); a checkpoint written before it existed has none and is served as it was trained
 *   ENCO  optional, version 2 (absent: {@link dev.metarec.rank.SupportEncoder#NONE}): the support-set encoder (width, item
 *         ids, input embeddings, output embeddings, biases; IEEE-754 singles)
 *   FWRD  optional, version 3 (absent: none, {@link dev.metarec.rank.RankPrior#forward}): the forward neighbours, laid out
 *         as RANK's neighbours
 * sha256        32 bytes  SHA-256 of every byte before it
 * </pre>
 *
 * Decoding checks, in order: minimum length, magic, version, declared length (truncation), checksum
 * (any changed byte), then each section's structure, then that the parts agree ({@link Checkpoint}).
 * Every failure is a {@link CheckpointFormatException} saying what is wrong. Encoding then decoding
 * gives an equal checkpoint (parameters bit-exact). Stateless and thread-safe.
 */
public final class CheckpointCodec {
    public static final int FORMAT_VERSION = 3;
    /**
     * The oldest format this build reads: version 1, before the support-set encoder (read as a checkpoint without one);
     * version 2 is before the forward neighbours (read without them, their blend weight 0).
     */
    public static final int OLDEST_READABLE = 1;
    private static final byte[] MAGIC = {(byte) 0x89, 'M', 'R', 'C', 'K', 'P', 'T', '\n'};
    private static final int HEADER = MAGIC.length + 4 + 8;
    private static final int DIGEST = 32;
    private static final String[] SECTIONS = {"META", "CONF", "FEAT", "PARM"};

    public byte[] encode(Checkpoint c) {
        RankPrior r = c.rank();
        boolean ranks = !r.neighbours().equals(ItemNeighbours.NONE) || !r.blend().equals(RankBlend.NETWORK_ONLY);
        return assemble(FORMAT_VERSION, writeMeta(c), ModelSections.writeConfig(c.config()),
                ModelSections.writeFeatures(c.features()), ModelSections.writeParams(c.params()),
                ranks ? RankSection.write(r) : null, r.baseline().isEmpty() ? null : RankSection.writeBaseline(r.baseline()),
                r.encoder().isEmpty() ? null : RankSection.writeEncoder(r.encoder()),
                r.forward().isEmpty() ? null : RankSection.writeForward(r.forward()));
    }

    /** Header, the four sections in order, checksum. Package-private so tests can build odd files. */
    static byte[] assemble(int version, BinaryWriter meta, BinaryWriter config, BinaryWriter features, BinaryWriter params) {
        return assemble(version, meta, config, features, params, null);
    }

    /** Header, the four sections in order and the optional RANK section (null: none), checksum. */
    static byte[] assemble(int version, BinaryWriter meta, BinaryWriter config, BinaryWriter features, BinaryWriter params, BinaryWriter rank) {
        return assemble(version, meta, config, features, params, rank, null);
    }

    /** Header, the four sections in order, the optional RANK and BASE sections (null: none), checksum. */
    static byte[] assemble(int version, BinaryWriter meta, BinaryWriter config, BinaryWriter features, BinaryWriter params, BinaryWriter rank,
                           BinaryWriter baseline) {
        return assemble(version, meta, config, features, params, rank, baseline, null);
    }

    /** Header, the four sections in order, the optional RANK, BASE and ENCO sections (null: none), checksum. */
    static byte[] assemble(int version, BinaryWriter meta, BinaryWriter config, BinaryWriter features, BinaryWriter params, BinaryWriter rank,
                           BinaryWriter baseline, BinaryWriter encoder) {
        return assemble(version, meta, config, features, params, rank, baseline, encoder, null);
    }

    /** Header, the four sections in order, the optional RANK, BASE, ENCO and FWRD sections (null: none), checksum. */
    static byte[] assemble(int version, BinaryWriter meta, BinaryWriter config, BinaryWriter features, BinaryWriter params, BinaryWriter rank,
                           BinaryWriter baseline, BinaryWriter encoder, BinaryWriter forward) {
        BinaryWriter body = new BinaryWriter().writeSection("META", meta).writeSection("CONF", config)
                .writeSection("FEAT", features).writeSection("PARM", params);
        if (rank != null) body.writeSection("RANK", rank);
        if (baseline != null) body.writeSection("BASE", baseline);
        if (encoder != null) body.writeSection("ENCO", encoder);
        if (forward != null) body.writeSection("FWRD", forward);
        byte[] b = body.toByteArray();
        if (b.length > Integer.MAX_VALUE - 16 - HEADER - DIGEST)
            throw new IllegalArgumentException("a checkpoint is too large for one byte array: " + b.length + " bytes of sections");
        int total = HEADER + b.length + DIGEST;
        ByteBuffer out = ByteBuffer.allocate(total);
        out.put(MAGIC).putInt(version).putLong(total).put(b);
        out.put(sha256(out.array(), total - DIGEST));
        return out.array();
    }

    public Checkpoint decode(byte[] bytes) {
        if (bytes.length < HEADER + DIGEST)
            throw new CheckpointFormatException("truncated checkpoint: " + bytes.length + " bytes, the smallest possible is " + (HEADER + DIGEST));
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length))
            throw new CheckpointFormatException("not a metarec checkpoint: the first 8 bytes are not the checkpoint magic");
        ByteBuffer header = ByteBuffer.wrap(bytes, MAGIC.length, 12);
        int version = header.getInt();
        if (version < OLDEST_READABLE || version > FORMAT_VERSION)
            throw new CheckpointFormatException("unsupported checkpoint format version " + version + "; this build reads versions "
                    + OLDEST_READABLE + " to " + FORMAT_VERSION);
        long declared = header.getLong();
        if (declared != bytes.length)
            throw new CheckpointFormatException(declared > bytes.length
                    ? "truncated checkpoint: the header declares " + declared + " bytes but only " + bytes.length + " are present"
                    : "checkpoint length mismatch: the header declares " + declared + " bytes but " + bytes.length + " are present");
        byte[] digest = sha256(bytes, bytes.length - DIGEST);
        if (!MessageDigest.isEqual(digest, Arrays.copyOfRange(bytes, bytes.length - DIGEST, bytes.length)))
            throw new CheckpointFormatException("corrupt checkpoint: SHA-256 checksum mismatch");
        return readSections(new BinaryReader(bytes, HEADER, bytes.length - HEADER - DIGEST, "checkpoint"), bytes, version);
    }

    private static Checkpoint readSections(BinaryReader outer, byte[] bytes, int version) {
        BinaryReader[] parts = new BinaryReader[SECTIONS.length];
        for (int i = 0; i < SECTIONS.length; i++) {
            String tag = new String(outer.readBytes(4), StandardCharsets.ISO_8859_1);
            if (!tag.equals(SECTIONS[i])) throw outer.fail("expected section " + SECTIONS[i] + " but found '" + tag + "'");
            int length = outer.readCount("bytes of section " + tag, 1);
            parts[i] = new BinaryReader(bytes, HEADER + outer.position(), length, "section " + tag);
            outer.readBytes(length);
        }
        BinaryReader rankPart = null, basePart = null, encoderPart = null, forwardPart = null;
        List<String> optional = new ArrayList<>(List.of("RANK", "BASE", "ENCO", "FWRD").subList(0, version + 1));   // each at most once, in this order
        while (outer.remaining() > 0) {
            String tag = new String(outer.readBytes(4), StandardCharsets.ISO_8859_1);
            if (!optional.contains(tag))
                throw outer.fail("expected " + (optional.isEmpty() ? "the end" : "section " + String.join(" or ", optional) + " or the end")
                        + " but found '" + tag + "'");
            optional.subList(0, optional.indexOf(tag) + 1).clear();
            int length = outer.readCount("bytes of section " + tag, 1);
            BinaryReader part = new BinaryReader(bytes, HEADER + outer.position(), length, "section " + tag);
            switch (tag) {
                case "RANK" -> rankPart = part;
                case "BASE" -> basePart = part;
                case "ENCO" -> encoderPart = part;
                default -> forwardPart = part;
            }
            outer.readBytes(length);
        }
        outer.requireEnd();
        BinaryReader meta = parts[0];
        String id = meta.readString("checkpoint id");
        CheckpointMetadata metadata = readMeta(meta);
        var config = ModelSections.readConfig(parts[1]);
        var features = ModelSections.readFeatures(parts[2]);
        var params = ModelSections.readParams(parts[3]);
        for (BinaryReader p : parts) p.requireEnd();
        RankPrior rank = RankPrior.NONE;
        if (rankPart != null) {
            rank = RankSection.read(rankPart, version);
            rankPart.requireEnd();
        }
        if (basePart != null) {
            rank = rank.withBaseline(RankSection.readBaseline(basePart));
            basePart.requireEnd();
        }
        if (encoderPart != null) {
            rank = rank.withEncoder(RankSection.readEncoder(encoderPart));
            encoderPart.requireEnd();
        }
        if (forwardPart != null) {
            rank = rank.withForward(RankSection.readForward(forwardPart));
            forwardPart.requireEnd();
        }
        try {
            return new Checkpoint(id, config, features, params, metadata, rank);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CheckpointFormatException("incompatible checkpoint " + id + ": " + e.getMessage(), e);
        }
    }

    static BinaryWriter writeMeta(Checkpoint c) {
        CheckpointMetadata m = c.metadata();
        BinaryWriter w = new BinaryWriter().writeString(c.checkpointId())
                .writeLong(m.createdAt().getEpochSecond()).writeInt(m.createdAt().getNano())
                .writeString(m.learner()).writeLong(m.trainingStep()).writeInt(m.metrics().size());
        m.metrics().forEach((k, v) -> w.writeString(k).writeDouble(v));
        return w;
    }

    private static CheckpointMetadata readMeta(BinaryReader r) {
        Instant createdAt;
        long seconds = r.readLong();
        int nanos = r.readInt();
        try {
            createdAt = Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            throw r.fail("createdAt out of range: " + seconds + "s " + nanos + "ns");
        }
        String learner = r.readString("learner");
        long step = r.readLong();
        int n = r.readCount("metrics", 12);
        TreeMap<String, Double> metrics = new TreeMap<>();
        for (int i = 0; i < n; i++) metrics.put(r.readString("metric name"), r.readDouble());
        try {
            return new CheckpointMetadata(createdAt, learner, step, metrics);
        } catch (IllegalArgumentException e) {
            throw r.fail("invalid metadata: " + e.getMessage());
        }
    }

    static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
