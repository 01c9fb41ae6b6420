package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.rank.ItemNeighbours;
import dev.metarec.rank.RankBlend;
import dev.metarec.rank.RankPrior;
import dev.metarec.rank.SupportEncoder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Recommend orders by the champion's rank prior: the neighbours of the user's positive events, the popularity prior, or the network. */
class RankedRecommendTest {
    private static final String USER = "ranked-user";

    /** Serves {@code f}'s champion with {@code rank} instead of its own. */
    private static void serveWith(Fixture f, RankPrior rank) {
        String current = f.ports.pointer.current().orElseThrow();
        Checkpoint c = f.codec.decode(f.ports.checkpoints.read(current).orElseThrow());
        Checkpoint ranked = new Checkpoint(current + "-r", c.config(), c.features(), c.params(), c.metadata(), rank);
        f.ports.checkpoints.write(ranked.checkpointId(), f.codec.encode(ranked));
        assertTrue(f.ports.pointer.moveCurrent(current, ranked.checkpointId()));
        f.champion.refresh(Fixture.NOW);
    }

    private static List<String> top(Fixture f, int k) {
        return f.recommend.recommend(RecommendCommand.of(USER, k, null, null, null, null, null, Limits.DEFAULT), Fixture.NOW)
                .items().stream().map(Recommendation.RecommendedItem::itemId).toList();
    }

    @Test
    void neighboursOfAPositiveEvent_shouldLeadTheList_andOfADislikedOne_shouldNot() {
        Fixture f = new Fixture(40).trained();
        // a hand-made neighbourhood: item B is A's only neighbour
        List<String> ids = f.data.items().stream().map(dev.metarec.model.Item::itemId).sorted().toList();
        String a = ids.get(0), b = ids.get(ids.size() - 1);
        ItemNeighbours n = new ItemNeighbours(List.of(a, b), new int[][]{{1}, {0}}, new float[][]{{0.9f}, {0.9f}}, 1, 0.0);
        serveWith(f, new RankPrior(n, new RankBlend(new int[]{1}, new double[][]{{0.01, 0, 1}})));

        f.ports.events.append(new Event("r1", USER, a, EventType.RATING, 5.0, Fixture.NOW.minusSeconds(10)), Fixture.NOW);
        assertEquals(b, top(f, 1).get(0), "the neighbour of the item the user loved comes first");

        String other = USER + "-2";
        f.ports.events.append(new Event("r2", other, a, EventType.RATING, 1.0, Fixture.NOW.minusSeconds(5)), Fixture.NOW);
        List<Recommendation.RecommendedItem> disliked = f.recommend.recommend(RecommendCommand.of(other, 10, null, null, null, null, null, Limits.DEFAULT),
                Fixture.NOW).items();
        for (int i = 1; i < disliked.size(); i++)
            assertTrue(disliked.get(i - 1).score() >= disliked.get(i).score(), "a disliked item pulls no neighbour up: the network alone orders, at " + i);
    }

    @Test
    void aTasteThatMoves_shouldMoveTheNeighbours_threeRecentLovesOutweighEightOlderOnes() {
        Fixture f = new Fixture(40).trained();
        // eight old loves all point at X, three recent ones at Y, with the same similarity
        List<String> ids = f.data.items().stream().map(dev.metarec.model.Item::itemId).sorted().toList();
        List<String> used = ids.subList(0, 13);
        String x = used.get(11), y = used.get(12);
        int[][] nb = new int[13][];
        float[][] sim = new float[13][];
        for (int i = 0; i < 13; i++) {
            nb[i] = i < 8 ? new int[]{11} : i < 11 ? new int[]{12} : new int[0];
            sim[i] = i < 11 ? new float[]{0.9f} : new float[0];
        }
        serveWith(f, new RankPrior(new ItemNeighbours(used, nb, sim, 1, 0.0), new RankBlend(new int[]{1}, new double[][]{{0.01, 0, 1}})));
        for (int i = 0; i < 11; i++)
            f.ports.events.append(new Event("m" + i, USER, used.get(i), EventType.RATING, 5.0, Fixture.NOW.minusSeconds(100 - i)), Fixture.NOW);
        List<String> top = top(f, 2);
        assertEquals(y, top.get(0), "the neighbour of the three recent loves comes first (equal weights would put the eight older ones' first)");
        assertEquals(x, top.get(1), "the older taste still counts, second");
    }

    @Test
    void theEncodersScore_shouldOrderTheList_whenTheBlendWeighsIt_andSurviveTheCheckpoint() {
        Fixture f = new Fixture(40).trained();
        // a hand-made encoder over the first ten items: whoever had item 0 goes on to like item 9, then item 8, ...
        List<String> ids = f.data.items().stream().map(dev.metarec.model.Item::itemId).sorted().toList().subList(0, 10);
        float[] in = new float[10], out = new float[10], bias = new float[10];
        in[0] = 1;
        for (int j = 1; j < 10; j++) out[j] = j;
        SupportEncoder enc = new SupportEncoder(ids, 1, in, out, bias);
        serveWith(f, new RankPrior(ItemNeighbours.NONE, new RankBlend(new int[]{1}, new double[][]{{0, 0, 0, 1}}), dev.metarec.rank.ItemBaseline.NONE, enc));
        assertEquals(enc, f.champion.require(Fixture.NOW).rank().encoder(), "the served champion carries the encoder through the checkpoint codec");

        f.ports.events.append(new Event("r1", USER, ids.get(0), EventType.RATING, 2.0, Fixture.NOW.minusSeconds(10)), Fixture.NOW);
        assertEquals(List.of(ids.get(9), ids.get(8), ids.get(7)), top(f, 3), "the encoder's order, even after a rating below positive (it reads every support item)");
    }

    @Test
    void withoutABlend_shouldOrderByTheNetworksPrediction() {
        Fixture f = new Fixture(40).trained();
        serveWith(f, RankPrior.NONE);
        f.ports.events.append(new Event("r1", USER, f.data.items().get(0).itemId(), EventType.RATING, 5.0, Fixture.NOW.minusSeconds(10)), Fixture.NOW);
        List<Recommendation.RecommendedItem> items = f.recommend.recommend(RecommendCommand.of(USER, 10, null, null, null, null, null, Limits.DEFAULT),
                Fixture.NOW).items();
        for (int i = 1; i < items.size(); i++) assertTrue(items.get(i - 1).score() >= items.get(i).score(), "descending predictions at " + i);
    }
}
