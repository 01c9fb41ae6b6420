package dev.metarec.checkpoint;

import dev.metarec.features.FeatureSpace;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointCodecTest {
    private final CheckpointCodec codec = new CheckpointCodec();

    private CheckpointFormatException rejected(byte[] bytes) {
        return assertThrows(CheckpointFormatException.class, () -> codec.decode(bytes));
    }

    private static void assertMessage(CheckpointFormatException e, String expected) {
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void roundTrip_givesAnEqualCheckpoint_withBitExactParameters() {
        Checkpoint original = CheckpointFixtures.small();
        byte[] bytes = codec.encode(original);
        Checkpoint decoded = codec.decode(bytes);
        assertEquals(original, decoded);
        double[] a = original.params().toArray(), b = decoded.params().toArray();
        for (int i = 0; i < a.length; i++) assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "parameter " + i);
        assertEquals(original.metadata().createdAt(), decoded.metadata().createdAt());
        assertArrayEquals(bytes, codec.encode(decoded), "re-encoding gives the same bytes");
    }

    @Test
    void decodedFeatureSpace_encodesEntitiesLikeTheOriginal() {
        Checkpoint original = CheckpointFixtures.small();
        FeatureSpace restored = codec.decode(codec.encode(original)).features();
        var item = new dev.metarec.model.Item("i9", dev.metarec.model.Attributes.of("genre", "Drama|Noir", "director", "Kurosawa"), null);
        assertTrue(Arrays.deepEquals(original.features().encodeItem(item).slots(), restored.encodeItem(item).slots()));
        var user = new dev.metarec.model.UserProfile("u2", dev.metarec.model.Attributes.of("country", "Ísland", "age", "99"));
        assertEquals(original.features().encodeUser(user).idRow(), restored.encodeUser(user).idRow());
    }

    @Test
    void supportShrinkage_roundTrips_andACheckpointWithoutItReadsAsTauZero() {
        Checkpoint plain = CheckpointFixtures.small();
        Checkpoint shrunk = new Checkpoint(plain.checkpointId(), plain.config().withSupportShrinkage(7.5), plain.features(), plain.params(), plain.metadata());
        byte[] bytes = codec.encode(shrunk);
        assertEquals(7.5, codec.decode(bytes).config().supportShrinkage());
        assertEquals(shrunk, codec.decode(bytes));
        byte[] old = codec.encode(plain);
        assertEquals(old.length + Double.BYTES, bytes.length, "tau is one double appended to the CONF section");
        assertEquals(0.0, codec.decode(old).config().supportShrinkage(), "a checkpoint without the field reads as tau = 0");
    }

    @Test
    void encode_isDeterministic() {
        assertArrayEquals(codec.encode(CheckpointFixtures.small()), codec.encode(CheckpointFixtures.small()));
    }

    @Test
    void everySingleByteCorruption_isRejected() {
        byte[] good = codec.encode(CheckpointFixtures.small());
        for (int i = 0; i < good.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) mask;
                int at = i;
                assertThrows(CheckpointFormatException.class, () -> codec.decode(bad), () -> "byte " + at + " ^ " + mask + " was accepted");
            }
        }
    }

    @Test
    void everyTruncation_isRejected_asTruncated() {
        byte[] good = codec.encode(CheckpointFixtures.small());
        for (int n = 0; n < good.length; n++) assertMessage(rejected(Arrays.copyOf(good, n)), "truncated");
    }

    @Test
    void trailingBytes_areRejected() {
        byte[] good = codec.encode(CheckpointFixtures.small());
        assertMessage(rejected(Arrays.copyOf(good, good.length + 1)), "length mismatch");
    }

    @Test
    void unknownFormatVersion_isRejected_evenWithAValidChecksum() {
        Checkpoint c = CheckpointFixtures.small();
        for (int version : new int[]{0, 4}) {
            byte[] other = withSections(version, c, null, null, null);
            assertMessage(rejected(other), "unsupported checkpoint format version " + version + "; this build reads versions 1 to 3");
        }
    }

    @Test
    void notACheckpoint_isRejected() {
        byte[] junk = new byte[200];
        assertMessage(rejected(junk), "not a metarec checkpoint");
    }

    @Test
    void valueCountNotMatchingTheLayout_isRejectedAsLayoutMismatch() {
        Checkpoint c = CheckpointFixtures.small();
        BinaryWriter params = new BinaryWriter();
        ParamLayout layout = c.params().layout();
        params.writeInt(layout.groups().size());
        layout.groups().forEach(g -> params.writeString(g.name()).writeString(g.kind().name()).writeInt(g.rows()).writeInt(g.cols()));
        params.writeDoubles(Arrays.copyOf(c.params().toArray(), layout.size() - 1));
        byte[] bytes = CheckpointCodec.assemble(1, CheckpointCodec.writeMeta(c), ModelSections.writeConfig(c.config()), ModelSections.writeFeatures(c.features()), params);
        assertMessage(rejected(bytes), "layout mismatch: the layout has " + layout.size() + " parameters but " + (layout.size() - 1));
    }

    @Test
    void tableSizedForOtherVocabularies_isRejectedAsIncompatible() {
        Checkpoint c = CheckpointFixtures.small();
        ModelConfig config = c.config();
        FeatureSpace other = FeatureSpace.fit(config, java.util.List.of(new dev.metarec.model.UserProfile("x", dev.metarec.model.Attributes.of("country", "PT"))), java.util.List.of(), 1);
        Params wrong = CheckpointFixtures.randomParams(CheckpointFixtures.layout(config, other), 1);
        byte[] bytes = CheckpointCodec.assemble(1, CheckpointCodec.writeMeta(c), ModelSections.writeConfig(config),
                ModelSections.writeFeatures(c.features()), ModelSections.writeParams(wrong));
        CheckpointFormatException e = rejected(bytes);
        assertMessage(e, "incompatible checkpoint ckpt-2026-11-28.001");
        assertMessage(e, "parameter group #0 is emb.user.country (TABLE 18 x 3 at 0) but the model expects emb.user.country (TABLE 19 x 3 at 0)");
    }

    @Test
    void network_isBuiltForTheCheckpointsLayout() {
        Checkpoint c = CheckpointFixtures.small();
        assertEquals(c.params().layout(), c.network().layout());
        assertEquals(c.config(), c.network().config());
    }

    @Test
    void requireLayout_namesTheFirstDifferingGroup() {
        Checkpoint c = CheckpointFixtures.small();
        c.requireLayout(c.params().layout());
        ParamLayout other = ParamLayout.builder().table("emb.user.country", 2, 3).build();
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> c.requireLayout(other));
        assertMessage(e, "layout mismatch in checkpoint ckpt-2026-11-28.001: parameter group #0 is emb.user.country (TABLE 19 x 3 at 0) but the model expects emb.user.country (TABLE 2 x 3 at 0)");
    }

    @Test
    void checkpoint_rejectsNonFiniteParameters_namingTheGroup() {
        Checkpoint c = CheckpointFixtures.small();
        int i = c.params().layout().group("out.b").offset();
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> new Checkpoint("x", c.config(), c.features(), c.params().with(i, Double.NaN), c.metadata()));
        assertTrue(e.getMessage().contains("out.b"), e.getMessage());
    }

    @Test
    void checkpoint_rejectsIdsThatAreNotSafeKeys() {
        Checkpoint c = CheckpointFixtures.small();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Checkpoint("../etc", c.config(), c.features(), c.params(), c.metadata()));
        assertTrue(e.getMessage().contains("checkpointId"), e.getMessage());
    }

    @Test
    void header_holdsMagicVersionAndLength() {
        byte[] bytes = codec.encode(CheckpointFixtures.small());
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals((byte) 0x89, b.get());
        b.position(8);
        assertEquals(3, b.getInt());
        assertEquals(bytes.length, b.getLong());
    }

    /** A file of format {@code version} with {@code c}'s four sections and the optional sections given (null: absent). */
    private static byte[] withSections(int version, Checkpoint c, BinaryWriter rank, BinaryWriter base, BinaryWriter encoder) {
        return CheckpointCodec.assemble(version, CheckpointCodec.writeMeta(c), ModelSections.writeConfig(c.config()),
                ModelSections.writeFeatures(c.features()), ModelSections.writeParams(c.params()), rank, base, encoder);
    }

    /**
     * A RANK section as format 1 wrote it: items i1 and i2, i1's one neighbour at index {@code neighbour} (similarity
     * 0.5), i2 without any, and one bucket (up to 1 event) with three weights.
     */
    private static BinaryWriter version1Rank(int neighbour, double network, double popularity, double neighbours) {
        return new BinaryWriter().writeInt(2).writeDouble(1.0).writeStrings(java.util.List.of("i1", "i2"))
                .writeInt(1).writeInt(neighbour).writeInt(Float.floatToRawIntBits(0.5f)).writeInt(0)
                .writeInt(1).writeInt(1).writeDouble(network).writeDouble(popularity).writeDouble(neighbours);
    }

    private static dev.metarec.rank.RankPrior rankPrior() {
        var users = java.util.List.of(java.util.Set.of("i1", "i2"), java.util.Set.of("i1", "i2", "i3"), java.util.Set.of("i3", "i4"));
        return new dev.metarec.rank.RankPrior(dev.metarec.rank.ItemNeighbours.fit(users, 2, 1.5),
                new dev.metarec.rank.RankBlend(new int[]{1, 5}, new double[][]{{0, 1, 0.25, 0.5}, {1, 0.5, 2, 0}}),
                new dev.metarec.rank.ItemBaseline(java.util.List.of("i1", "i3"), new double[]{0.25, -1.5}),
                new dev.metarec.rank.SupportEncoder(java.util.List.of("i1", "i2", "i3"), 2, new float[]{1, 2, 3, 4, 5, 6},
                        new float[]{-1, 0.5f, 0, 1e-3f, 7, 8}, new float[]{0.1f, -0.2f, 0.3f}));
    }

    @Test
    void aVersion1Checkpoint_readsWithTheEncodersWeight0_andWithoutAnEncoder() {
        Checkpoint c = CheckpointFixtures.small();
        byte[] v1 = withSections(1, c, version1Rank(1, 0.25, 2, 0), null, null);
        var read = codec.decode(v1).rank();
        assertArrayEquals(new double[]{0.25, 2, 0, 0, 0}, read.blend().weightsFor(1));
        assertTrue(read.encoder().isEmpty());
        assertEquals(0.5, read.neighbours().similarity("i1", "i2"), 1e-9);
        byte[] v1WithEncoder = withSections(1, c, null, null, RankSection.writeEncoder(rankPrior().encoder()));
        assertMessage(rejected(v1WithEncoder), "expected section RANK or BASE or the end but found 'ENCO'");
    }

    @Test
    void aVersion2Checkpoint_readsWithTheForwardNeighboursWeight0_andWithoutThem() {
        Checkpoint c = CheckpointFixtures.small();
        BinaryWriter v2Rank = new BinaryWriter().writeInt(2).writeDouble(1.0).writeStrings(java.util.List.of("i1", "i2"))
                .writeInt(1).writeInt(1).writeInt(Float.floatToRawIntBits(0.5f)).writeInt(0)
                .writeInt(1).writeInt(1).writeDouble(0.25).writeDouble(2).writeDouble(0).writeDouble(1.5);
        var read = codec.decode(withSections(2, c, v2Rank, null, RankSection.writeEncoder(rankPrior().encoder()))).rank();
        assertArrayEquals(new double[]{0.25, 2, 0, 1.5, 0}, read.blend().weightsFor(1));
        assertTrue(read.forward().isEmpty());
        assertEquals(rankPrior().encoder(), read.encoder());
        byte[] v2WithForward = CheckpointCodec.assemble(2, CheckpointCodec.writeMeta(c), ModelSections.writeConfig(c.config()),
                ModelSections.writeFeatures(c.features()), ModelSections.writeParams(c.params()), null, null, null,
                RankSection.writeForward(rankPrior().neighbours()));
        assertMessage(rejected(v2WithForward), "expected section RANK or BASE or ENCO or the end but found 'FWRD'");
    }

    @Test
    void forwardNeighbours_shouldRoundTrip_withTheirBlendWeight() {
        var forward = dev.metarec.rank.ItemNeighbours.fit(java.util.List.of(java.util.List.of("i1", "i2", "i3"), java.util.List.of("i2", "i3")), 2, 1.0, 0.5, 10);
        var rank = new dev.metarec.rank.RankPrior(rankPrior().neighbours(), new dev.metarec.rank.RankBlend(new int[]{1}, new double[][]{{0, 1, 0.5, 0.25, 0.75}}),
                rankPrior().baseline(), rankPrior().encoder(), forward);
        Checkpoint back = codec.decode(codec.encode(CheckpointFixtures.small().withRank(rank)));
        assertEquals(rank, back.rank());
        assertEquals(forward, back.rank().forward());
        assertEquals(0.75, back.rank().blend().weightsFor(1)[dev.metarec.rank.RankBlend.FORWARD]);
        assertTrue(back.rank().forward().similarity("i1", "i2") > 0 && back.rank().forward().similarity("i2", "i1") == 0,
                "forward: i2 came after i1, never before it");
    }

    @Test
    void aForwardSectionWithABadNeighbour_isRejected_namingIt() {
        Checkpoint c = CheckpointFixtures.small();
        BinaryWriter bad = new BinaryWriter().writeInt(2).writeDouble(1.0).writeStrings(java.util.List.of("i1", "i2"))
                .writeInt(1).writeInt(7).writeInt(Float.floatToRawIntBits(0.5f)).writeInt(0);
        byte[] bytes = CheckpointCodec.assemble(3, CheckpointCodec.writeMeta(c), ModelSections.writeConfig(c.config()),
                ModelSections.writeFeatures(c.features()), ModelSections.writeParams(c.params()), null, null, null, bad);
        assertMessage(rejected(bytes), "section FWRD: invalid forward neighbours: item i1: neighbour index 7 out of range");
    }

    @Test
    void anEncoderSectionWithANonFiniteValue_isRejected_namingIt() {
        Checkpoint c = CheckpointFixtures.small();
        BinaryWriter enc = new BinaryWriter().writeInt(1).writeStrings(java.util.List.of("i1")).writeFloats(new float[]{1})
                .writeFloats(new float[]{Float.NaN}).writeFloats(new float[]{0});
        byte[] bytes = withSections(2, c, null, null, enc);
        assertMessage(rejected(bytes), "section ENCO: invalid support-set encoder: encoder value #0 is not finite: NaN");
    }

    @Test
    void rankPrior_shouldRoundTrip_andACheckpointWithoutOne_shouldReadAsNone() {
        Checkpoint c = CheckpointFixtures.small().withRank(rankPrior());
        Checkpoint back = codec.decode(codec.encode(c));
        assertEquals(c.rank(), back.rank());
        assertEquals(c.rank().encoder(), back.rank().encoder());
        assertArrayEquals(new float[]{-1, 0.5f, 0, 1e-3f, 7, 8}, back.rank().encoder().output(), "the encoder bit-exact");
        assertEquals(2 / (Math.sqrt(2 * 2) + 1.5), back.rank().neighbours().similarity("i1", "i2"), 1e-6);
        assertEquals(-1.5, back.rank().baseline().of("i3"));
        assertEquals(0.0, back.rank().baseline().of("i2"), "no baseline: 0");
        assertTrue(codec.decode(codec.encode(CheckpointFixtures.small())).rank().isNone());
        assertTrue(codec.encode(c).length > codec.encode(CheckpointFixtures.small()).length);
    }

    @Test
    void aRankSectionWithABadNeighbour_isRejected_namingIt() {
        Checkpoint c = CheckpointFixtures.small();
        byte[] bytes = withSections(1, c, version1Rank(9, 1, 0, 0), null, null);
        assertMessage(rejected(bytes), "section RANK: invalid rank prior: item i1: neighbour index 9 out of range");
    }

    @Test
    void aCheckpointWithABaselineOnly_shouldRoundTripIt_withoutARankSection() {
        Checkpoint small = CheckpointFixtures.small();
        var baseline = new dev.metarec.rank.ItemBaseline(java.util.List.of("i1", "i3"), new double[]{0.25, -1.5});
        Checkpoint c = small.withRank(new dev.metarec.rank.RankPrior(dev.metarec.rank.ItemNeighbours.NONE, dev.metarec.rank.RankBlend.NETWORK_ONLY, baseline));
        byte[] bytes = codec.encode(c);
        assertEquals(baseline, codec.decode(bytes).rank().baseline());
        assertEquals(dev.metarec.rank.RankBlend.NETWORK_ONLY, codec.decode(bytes).rank().blend());
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("BASE") && !text.contains("RANK"), "only the BASE section is written");
    }

    @Test
    void aBaseSectionWithUnsortedItems_isRejected_namingIt() {
        Checkpoint c = CheckpointFixtures.small();
        BinaryWriter badBase = new BinaryWriter().writeStrings(java.util.List.of("i2", "i1")).writeDoubles(new double[]{1, 2});
        byte[] unsorted = withSections(1, c, null, badBase, null);
        assertMessage(rejected(unsorted), "section BASE: invalid item baseline: item ids must be strictly increasing at #1");
    }
}
