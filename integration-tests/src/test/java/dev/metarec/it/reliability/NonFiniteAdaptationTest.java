package dev.metarec.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metarec.it.flows.ApiClient;
import dev.metarec.it.flows.GenreWorld;
import dev.metarec.it.flows.ServedModel;
import dev.metarec.it.flows.TrainedModel;
import dev.metarec.it.flows.TrainedModelExtension;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.lambda.ApiGateway.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Adaptation fed the most extreme values the API accepts (|value| = 1e6, far outside any rating scale):
 * whatever the inner loop does, nothing non-finite is stored or served; if it diverges the user is served
 * from the champion's prior.
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class NonFiniteAdaptationTest {

    @Test
    void extremeValues_neverProduceNonFiniteWeightsOrScores(AwsServers servers, TrainedModel model) {
        try (ServedModel served = new ServedModel(servers, model, "nan", 1, Map.of())) {
            Token user = Token.user("extreme");
            served.api.ingestRatings(IntStream.range(0, 10).mapToObj(i -> new GenreWorld.Rating("x-" + i, "extreme", "action-" + i,
                    i % 2 == 0 ? 1e6 : -1e6, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i))).toList(), user);
            JsonNode adapted = served.api.ok("/adapt", ApiClient.user("extreme"), user);
            boolean fellBack = adapted.path("fellBackToPrior").asBoolean();
            if (adapted.path("stored").asBoolean()) {
                assertTrue(Double.isFinite(adapted.path("lossAfter").asDouble()), adapted.toString());
            } else {
                assertTrue(fellBack, "an adaptation that stored nothing must say it fell back: " + adapted);
                assertTrue(served.stores.fastWeights().find("extreme").isEmpty(), "nothing is stored when adaptation diverges");
            }
            JsonNode recommendation = served.api.recommend("extreme", 20, user);
            assertEquals(20, recommendation.path("items").size());
            recommendation.path("items").forEach(i -> assertTrue(Double.isFinite(i.path("score").asDouble()) && i.path("score").isNumber(), i.toString()));
            System.out.printf("[figure] adaptation on values of +-1e6: stored %s, fell back to prior %s, loss %s -> %s; 20 finite scores served (mode %s)%n",
                    adapted.path("stored").asBoolean(), fellBack, adapted.path("lossBefore"), adapted.path("lossAfter"), recommendation.path("mode").asText());
        }
    }
}
