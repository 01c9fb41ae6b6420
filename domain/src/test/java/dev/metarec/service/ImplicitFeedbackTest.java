package dev.metarec.service;

import dev.metarec.nn.Objective;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A store with clicks only: the champion learns the logistic objective, adapts with sampled negatives and serves probabilities. */
class ImplicitFeedbackTest {

    @Test
    void clicksOnly_shouldTrainALogisticModel_thatAdaptsAndServesProbabilities() {
        Fixture f = new Fixture(80, true).trained();
        ServingModel model = f.champion.require(Fixture.NOW);
        assertEquals(Objective.LOGISTIC, model.objective());

        List<IngestCommand.RawEvent> clicks = List.of(
                new IngestCommand.RawEvent("c1", "clicker", "i3", "click", null, null),
                new IngestCommand.RawEvent("c2", "clicker", "i4", "click", null, null),
                new IngestCommand.RawEvent("c3", "clicker", "i5", "purchase", null, null));
        f.ingest.ingest(IngestCommand.of(clicks, List.of(new IngestCommand.RawItem("click-new", Map.of("genre", List.of("g1")), null)), null,
                Limits.DEFAULT, Fixture.NOW), Fixture.NOW);
        AdaptService.Outcome o = f.adapt.adapt("clicker", Fixture.NOW);
        assertEquals(6, o.supportSize(), "three positives, each with a sampled unseen negative");
        assertTrue(o.lossAfter() < o.lossBefore(), o.toString());

        Recommendation r = f.recommend.recommend(RecommendCommand.of("clicker", 10, null, null, null, null, 0.2, Limits.DEFAULT), Fixture.NOW);
        assertEquals(10, r.items().size());
        for (var i : r.items()) {
            assertTrue(i.score() > 0 && i.score() < 1, "a probability: " + i.score());
            assertFalse(List.of("i3", "i4", "i5").contains(i.itemId()));
        }
        assertTrue(r.items().stream().anyMatch(i -> i.reason() == Recommendation.Reason.NEW_ITEM_EXPLORATION));
    }
}
