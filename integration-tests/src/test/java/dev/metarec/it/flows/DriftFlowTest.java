package dev.metarec.it.flows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.lambda.ApiGateway.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Flow 3: a horror fan's taste switches to comedy (synthetic). After each new comedy rating the next
 * recommendation is requested (adapted on the fly); the number of events until comedies outnumber horror
 * in the top 10 is the figure, and it must stay bounded.
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class DriftFlowTest {
    /**
     * Measured: 3 events with the network's order alone (2026-11-28 to 12-04); 4 since the served order blends in the
     * neighbours of the user's positive events, weighted by recency (2026-12-05). The bound allows one more.
     */
    private static final int MAX_EVENTS_TO_FOLLOW = 5;

    @Test
    void recommendationsFollowATasteSwitch_withinABoundedNumberOfEvents(AwsServers servers, TrainedModel model) {
        try (ServedModel served = new ServedModel(servers, model, "drift", 1, Map.of())) {
            Token user = Token.user("drifter");
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 8; i++) {
                served.api.ingestRatings(List.of(new GenreWorld.Rating("h-" + i, "drifter", "horror-" + i, 5.0, t.plusSeconds(i))), user);
            }
            JsonNode before = served.api.recommend("drifter", 10, user);
            assertTrue(count(model, before, "Horror") > count(model, before, "Comedy"), "a horror fan starts with horror: " + before);

            int followedAfter = -1;
            for (int n = 1; n <= MAX_EVENTS_TO_FOLLOW; n++) {
                served.api.ingestRatings(List.of(new GenreWorld.Rating("c-" + n, "drifter", "comedy-" + n, 5.0, t.plusSeconds(100 + n))), user);
                JsonNode now = served.api.recommend("drifter", 10, user);
                if (count(model, now, "Comedy") > count(model, now, "Horror")) {
                    followedAfter = n;
                    break;
                }
            }
            System.out.printf("[figure] flow 3: comedies outnumber horror in the top 10 after %s comedy events (bound %d)%n",
                    followedAfter < 0 ? "more than " + MAX_EVENTS_TO_FOLLOW : Integer.toString(followedAfter), MAX_EVENTS_TO_FOLLOW);
            assertTrue(followedAfter > 0, "recommendations did not follow the taste switch within " + MAX_EVENTS_TO_FOLLOW + " events");
        }
    }

    private static long count(TrainedModel model, JsonNode recommendation, String genre) {
        return ApiClient.itemIds(recommendation).stream().filter(id -> model.world.genreOf(id).equals(genre)).count();
    }
}
