package dev.metarec.checkpoint;

import dev.metarec.rank.ItemBaseline;
import dev.metarec.rank.ItemNeighbours;
import dev.metarec.rank.RankBlend;
import dev.metarec.rank.RankPrior;
import dev.metarec.rank.SupportEncoder;

/**
 * The optional RANK section of a checkpoint ({@link ItemNeighbours} and {@link RankBlend}), the optional BASE section
 * ({@link ItemBaseline}), the optional ENCO section ({@link SupportEncoder}) and the optional FWRD section (the forward
 * neighbours, {@link RankPrior#forward}).
 */
final class RankSection {
    private RankSection() {}

    /** Blend weights per bucket a RANK section of format {@code version} holds: 3 in format 1, 4 (the encoder's) in 2, 5 (the forward neighbours') from 3. */
    static int weightsIn(int version) { return version == 1 ? 3 : version == 2 ? 4 : RankBlend.SIGNALS; }

    /** A RANK section of the current format: the neighbours, then the blend with {@link RankBlend#SIGNALS} weights per bucket. */
    static BinaryWriter write(RankPrior r) {
        BinaryWriter w = writeNeighbours(new BinaryWriter(), r.neighbours());
        RankBlend b = r.blend();
        w.writeInt(b.upTo().length);
        for (int k = 0; k < b.upTo().length; k++) {
            w.writeInt(b.upTo()[k]);
            for (double x : b.weights()[k]) w.writeDouble(x);
        }
        return w;
    }

    private static BinaryWriter writeNeighbours(BinaryWriter w, ItemNeighbours n) {
        w.writeInt(n.maxNeighbours()).writeDouble(n.shrinkage()).writeStrings(n.items());
        for (int i = 0; i < n.items().size(); i++) {
            int[] nb = n.neighboursOf(i);
            float[] s = n.similaritiesOf(i);
            w.writeInt(nb.length);
            for (int x = 0; x < nb.length; x++) w.writeInt(nb[x]).writeInt(Float.floatToRawIntBits(s[x]));
        }
        return w;
    }

    /** The FWRD section: the forward neighbours, laid out as the RANK section's neighbours. */
    static BinaryWriter writeForward(ItemNeighbours forward) { return writeNeighbours(new BinaryWriter(), forward); }

    static ItemNeighbours readForward(BinaryReader r) {
        try {
            return readNeighbours(r);
        } catch (IllegalArgumentException e) {
            throw r.fail("invalid forward neighbours: " + e.getMessage());
        }
    }

    private static ItemNeighbours readNeighbours(BinaryReader r) {
        int max = r.readInt();
        double shrinkage = r.readDouble();
        var items = r.readStrings("item ids");
        int[][] nb = new int[items.size()][];
        float[][] sim = new float[items.size()][];
        for (int i = 0; i < items.size(); i++) {
            int n = r.readCount("neighbours of item " + i, 8);
            nb[i] = new int[n];
            sim[i] = new float[n];
            for (int x = 0; x < n; x++) { nb[i][x] = r.readInt(); sim[i][x] = Float.intBitsToFloat(r.readInt()); }
        }
        return new ItemNeighbours(items, nb, sim, max, shrinkage);
    }

    /**
     * A RANK section of checkpoint format {@code version} ({@link #weightsIn}: format 1 wrote three blend weights per bucket,
     * 2 four, 3 five; the weights a format lacks read as 0).
     */
    static RankPrior read(BinaryReader r, int version) {
        int signals = weightsIn(version);
        ItemNeighbours neighbours;
        try {
            neighbours = readNeighbours(r);
        } catch (IllegalArgumentException e) {
            throw r.fail("invalid rank prior: " + e.getMessage());
        }
        int buckets = r.readCount("blend buckets", 4 + 8 * signals);
        int[] upTo = new int[buckets];
        double[][] weights = new double[buckets][signals];
        for (int k = 0; k < buckets; k++) {
            upTo[k] = r.readInt();
            for (int s = 0; s < signals; s++) weights[k][s] = r.readDouble();
        }
        try {
            return new RankPrior(neighbours, new RankBlend(upTo, weights));
        } catch (IllegalArgumentException e) {
            throw r.fail("invalid rank prior: " + e.getMessage());
        }
    }

    static BinaryWriter writeEncoder(SupportEncoder e) {
        return new BinaryWriter().writeInt(e.dim()).writeStrings(e.items()).writeFloats(e.input()).writeFloats(e.output()).writeFloats(e.bias());
    }

    static SupportEncoder readEncoder(BinaryReader r) {
        int dim = r.readInt();
        var items = r.readStrings("encoder item ids");
        float[] input = r.readFloats("encoder input embeddings"), output = r.readFloats("encoder output embeddings"), bias = r.readFloats("encoder biases");
        try {
            return new SupportEncoder(items, dim, input, output, bias);
        } catch (IllegalArgumentException e) {
            throw r.fail("invalid support-set encoder: " + e.getMessage());
        }
    }

    static BinaryWriter writeBaseline(ItemBaseline b) {
        return new BinaryWriter().writeStrings(b.items()).writeDoubles(b.values());
    }

    static ItemBaseline readBaseline(BinaryReader r) {
        var items = r.readStrings("baseline item ids");
        double[] values = r.readDoubles("item baselines");
        try {
            return new ItemBaseline(items, values);
        } catch (IllegalArgumentException e) {
            throw r.fail("invalid item baseline: " + e.getMessage());
        }
    }
}
