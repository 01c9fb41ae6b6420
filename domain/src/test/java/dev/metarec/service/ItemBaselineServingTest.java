package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 14: two items with the same attributes are not the same item. Meta-training fits each item's baseline on the
 * training events and stores it in the checkpoint, so the first champion already serves item-level signal.
 */
class ItemBaselineServingTest {

    @Test
    void twinsWithTheSameAttributes_shouldBeScoredByWhatUsersThoughtOfThem() {
        Fixture f = new Fixture(60);
        Item model = f.data.items().get(0);
        Item loved = new Item("twin-loved", model.attributes(), null), hated = new Item("twin-hated", model.attributes(), null);
        f.ports.catalog.upsert(loved);
        f.ports.catalog.upsert(hated);
        List<UserProfile> users = f.data.users();
        for (int u = 0; u < 40; u++) {
            String id = users.get(u).userId();
            f.ports.events.append(new Event("tl" + u, id, loved.itemId(), EventType.RATING, 5.0, Fixture.NOW.minusSeconds(1000 + u)), Fixture.NOW);
            f.ports.events.append(new Event("th" + u, id, hated.itemId(), EventType.RATING, 1.0, Fixture.NOW.minusSeconds(2000 + u)), Fixture.NOW);
        }
        f.trained();
        ServingModel champion = f.champion.require(Fixture.NOW);
        double a = champion.rank().baseline().of(loved.itemId()), b = champion.rank().baseline().of(hated.itemId());
        assertTrue(a > 0 && b < 0 && a - b > 1.0, "baselines: loved " + a + ", hated " + b);

        String newcomer = "newcomer";
        f.ports.events.append(new Event("n1", newcomer, f.data.items().get(5).itemId(), EventType.RATING, 4.0, Fixture.NOW.minusSeconds(5)), Fixture.NOW);
        Recommendation r = f.recommend.recommend(RecommendCommand.of(newcomer, 2, List.of(hated.itemId(), loved.itemId()), null, null, null, null,
                Limits.DEFAULT), Fixture.NOW);
        assertEquals(List.of(loved.itemId(), hated.itemId()), r.items().stream().map(Recommendation.RecommendedItem::itemId).toList());
        assertTrue(r.items().get(0).score() > r.items().get(1).score() + 0.5, "the shown predictions differ too: " + r.items());
    }
}
