package dev.metarec.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metarec.it.flows.ApiClient;
import dev.metarec.it.flows.GenreWorld;
import dev.metarec.it.flows.ServedModel;
import dev.metarec.it.flows.TrainedModel;
import dev.metarec.it.flows.TrainedModelExtension;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.lambda.ApiGateway;
import dev.metarec.it.lambda.ApiGateway.Token;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Extreme values in adaptation. The API rejects a rating outside the rating scale (400 naming the field,
 * nothing stored); events already in the table with such values (written before the scale was enforced)
 * make the inner loop diverge, and then nothing is stored, the adapt response says it fell back to the
 * prior and why, and recommend serves finite scores from the prior.
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class NonFiniteAdaptationTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void extremeValues_areRejected_andLegacyOnesFallBackToThePrior(AwsServers servers, TrainedModel model) {
        try (ServedModel served = new ServedModel(servers, model, "nan", 1, Map.of())) {
            Token user = Token.user("extreme");
            ApiGateway.Response rejected = served.api.post("/ingest", ApiClient.ratings(List.of(
                    new GenreWorld.Rating("ok-0", "extreme", "action-0", 4, T0), new GenreWorld.Rating("x-big", "extreme", "action-1", 1e6, T0))), user);
            assertEquals(400, rejected.status(), rejected.body());
            assertEquals("events[1].value", rejected.json().path("field").asText());
            assertTrue(rejected.json().path("limit").asText().contains("5.0"), rejected.body());
            assertEquals(0, served.stores.events().count("extreme"), "nothing of a rejected batch is stored");

            IntStream.range(0, 10).forEach(i -> served.stores.events().append(new Event("x-" + i, "extreme", "action-" + i, EventType.RATING,
                    i % 2 == 0 ? 1e6 : -1e6, T0.plusSeconds(i)), T0));
            JsonNode adapted = served.api.ok("/adapt", ApiClient.user("extreme"), user);
            assertTrue(adapted.path("fellBackToPrior").asBoolean(), adapted.toString());
            assertFalse(adapted.path("stored").asBoolean());
            assertEquals(0, adapted.path("steps").asInt());
            assertFalse(adapted.path("fallbackReason").asText().isEmpty(), adapted.toString());
            assertTrue(served.stores.fastWeights().find("extreme").isEmpty(), "nothing is stored when adaptation diverges");
            JsonNode recommendation = served.api.recommend("extreme", 20, user);
            assertEquals("PRIOR_FALLBACK", recommendation.path("mode").asText());
            assertEquals(20, recommendation.path("items").size());
            recommendation.path("items").forEach(i -> assertTrue(Double.isFinite(i.path("score").asDouble()) && i.path("score").isNumber(), i.toString()));
            assertTrue(served.stores.fastWeights().find("extreme").isEmpty(), "recommend's on-the-fly adaptation stores nothing either");
            System.out.printf("[figure] rating 1e6 rejected (400 %s); legacy +-1e6 events: fell back to prior (%s); 20 finite scores served (mode %s)%n",
                    rejected.json().path("field").asText(), adapted.path("fallbackReason").asText(), recommendation.path("mode").asText());
        }
    }
}
