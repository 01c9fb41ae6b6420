package dev.metarec.it.security;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11.3 through the functions on dynalite, with a daily quota of 20 events per user: a request that would pass
 * it is answered 429 with {@code Retry-After} and a problem naming the field and the limit, and nothing of it is
 * stored; an admin's bulk import is not counted. Events for item ids that are not in the catalogue are stored but
 * create no item-statistics row.
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class IngestGuardsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static List<GenreWorld.Rating> ratings(String user, String prefix, int n, String item) {
        List<GenreWorld.Rating> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new GenreWorld.Rating(prefix + i, user, item == null ? "comedy-" + (i % 10) : item, 4.0, T0.plusSeconds(i)));
        return out;
    }

    @Test
    void theDailyQuota_andEventsForUnknownItems(AwsServers servers, TrainedModel model) {
        try (ServedModel served = new ServedModel(servers, model, "guards", 1, Map.of("metarec.limits.max-events-per-user-per-day", "20"))) {
            Token greedy = Token.user("greedy");
            assertEquals(15, served.api.ok("/ingest", ApiClient.ratings(ratings("greedy", "g-", 15, null)), greedy).path("eventsStored").asInt());
            long statsRows = servers.dynamo().scanPaginator(b -> b.tableName(served.namespace.tables().itemStats())).items().stream().count();

            ApiGateway.Response refused = served.api.post("/ingest", ApiClient.ratings(ratings("greedy", "h-", 10, null)), greedy);

            assertEquals(429, refused.status(), refused.body());
            long retryAfter = Long.parseLong(refused.headers().get("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 86_400, "seconds until 00:00 UTC: " + retryAfter);
            JsonNode problem = refused.json();
            assertEquals("events", problem.path("field").asText());
            assertEquals("at most 20 events per user per UTC day", problem.path("limit").asText());
            assertEquals("urn:metarec:quota-exceeded", problem.path("type").asText());
            assertEquals(15, served.stores.events().count("greedy"), "nothing of the refused request was stored");
            assertEquals(15, served.stores.quota().used("greedy", LocalDate.now(ZoneOffset.UTC)));
            assertEquals(statsRows, servers.dynamo().scanPaginator(b -> b.tableName(served.namespace.tables().itemStats())).items().stream().count());
            assertEquals(5, served.api.ok("/ingest", ApiClient.ratings(ratings("greedy", "h-", 5, null)), greedy).path("eventsStored").asInt(),
                    "what still fits is accepted");
            assertEquals(10, served.api.ok("/ingest", ApiClient.ratings(ratings("greedy", "imported-", 10, null)), ApiClient.ADMIN)
                    .path("eventsStored").asInt(), "an admin's import is not counted");

            JsonNode invented = served.api.ok("/ingest", ApiClient.ratings(ratings("inventor", "x-", 3, "made-up-item")), Token.user("inventor"));
            assertEquals(3, invented.path("eventsStored").asInt(), "events for an unknown item are stored: they are the user's history");
            assertTrue(served.stores.itemStats().find("made-up-item").isEmpty(), "but create no statistics row");
            assertEquals(3, served.stores.events().count("inventor"));
        }
    }
}
