package dev.metarec.checkpoint;

import dev.metarec.rank.ItemBaseline;
import dev.metarec.rank.ItemNeighbours;
import dev.metarec.rank.RankBlend;
import dev.metarec.rank.RankPrior;
import dev.metarec.rank.SupportEncoder;

/**
 * The optional RANK section of a checkpoint ({@link ItemNeighbours} and {@link RankBlend}), the optional BASE section
 * ({@link ItemBaseline}) and the optional ENCO section ({@link SupportEncoder}).
 */
final class RankSection {
    private RankSection() {}

    static BinaryWriter write(RankPrior r) {
        ItemNeighbours n = r.neighbours();
        BinaryWriter w = new BinaryWriter().writeInt(n.maxNeighbours()).writeDouble(n.shrinkage()).writeStrings(n.items());
        for (int i = 0; i < n.items().size(); i++) {
            int[] nb = n.neighboursOf(i);
            float[] s = n.similaritiesOf(i);
            w.writeInt(nb.length);
            for (int x = 0; x < nb.length; x++) w.writeInt(nb[x]).writeInt(Float.floatToRawIntBits(s[x]));
        }
        RankBlend b = r.blend();
        w.writeInt(b.upTo().length);
        for (int k = 0; k < b.upTo().length; k++) {
            w.writeInt(b.upTo()[k]);
            for (double x : b.weights()[k]) w.writeDouble(x);
        }
        return w;
    }

    /** A RANK section of checkpoint format {@code version}: format 1 wrote three blend weights per bucket (no encoder), 2 writes four. */
    static RankPrior read(BinaryReader r, int version) {
        int signals = version == 1 ? RankBlend.SIGNALS - 1 : RankBlend.SIGNALS;
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
        int buckets = r.readCount("blend buckets", 4 + 8 * signals);
        int[] upTo = new int[buckets];
        double[][] weights = new double[buckets][signals];
        for (int k = 0; k < buckets; k++) {
            upTo[k] = r.readInt();
            for (int s = 0; s < signals; s++) weights[k][s] = r.readDouble();
        }
        try {
            return new RankPrior(new ItemNeighbours(items, nb, sim, max, shrinkage), new RankBlend(upTo, weights));
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
