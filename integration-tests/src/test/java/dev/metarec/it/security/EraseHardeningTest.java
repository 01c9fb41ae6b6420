package dev.metarec.it.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metarec.it.flows.ApiClient;
import dev.metarec.it.flows.GenreWorld;
import dev.metarec.it.flows.ServedModel;
import dev.metarec.it.flows.TrainedModel;
import dev.metarec.it.flows.TrainedModelExtension;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.lambda.ApiGateway.Token;
import dev.metarec.port.ErasureLog;
import dev.metarec.port.ItemStatsStore.ItemStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 11.5-11.7 through the functions on dynalite and s3proxy, with at most 100 deletes per erase call: a heavy
 * user's erase removes the profile and fast weights on the first call, answers "partial, call again"
 * ({@code complete: false}) instead of timing out, and completes over further calls; their contributions leave
 * the item counters; the erase is in the erasure log (as a fingerprint); an adapt right after the erase stores no
 * fast weights (the tombstone).
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class EraseHardeningTest {
    private static final String USER = "heavy-erin";

    @Test
    void aHeavyUsersErase_shouldBePagedAndComplete_andLeaveNothingToRecreate(AwsServers servers, TrainedModel model) {
        try (ServedModel served = new ServedModel(servers, model, "erasehard", 1, Map.of("metarec.erase.max-per-call", "100"))) {
            Token erin = Token.user(USER);
            List<String> items = model.world.items.stream().limit(60).map(GenreWorld.Item::itemId).toList();
            Map<String, ItemStats> before = new HashMap<>();
            for (String i : items) before.put(i, served.stores.itemStats().find(i).orElse(ItemStats.empty(i)));
            List<GenreWorld.Rating> ratings = new ArrayList<>();
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 250; i++) ratings.add(new GenreWorld.Rating("he-" + i, USER, items.get(i % 60), 1 + i % 5, t0.plusSeconds(i)));
            ObjectNode body = ApiClient.ratings(ratings.subList(0, 10));
            body.putArray("profiles").addObject().put("userId", USER).putObject("attributes").putArray("age").add("25-34");
            served.api.ok("/ingest", body, erin);
            served.api.ingestRatings(ratings.subList(10, 250), erin);
            served.api.ok("/adapt", ApiClient.user(USER), erin);
            assertTrue(served.stores.fastWeights().find(USER).isPresent());

            JsonNode first = served.api.ok("/erase", ApiClient.user(USER), erin);

            assertFalse(first.path("complete").asBoolean(), "partial, call again: " + first);
            assertEquals(100, first.path("eventsRemoved").asInt());
            assertTrue(first.path("profileRemoved").asBoolean() && first.path("fastWeightsRemoved").asBoolean(), first.toString());
            assertTrue(served.stores.profiles().find(USER).isEmpty() && served.stores.fastWeights().find(USER).isEmpty(), "gone after the first call");
            int calls = 1, removed = first.path("eventsRemoved").asInt(), retracted = first.path("contributionsRetracted").asInt();
            for (JsonNode r = first; !r.path("complete").asBoolean(); calls++) {
                assertTrue(calls < 10, "bounded number of calls");
                r = served.api.ok("/erase", ApiClient.user(USER), erin);
                removed += r.path("eventsRemoved").asInt();
                retracted += r.path("contributionsRetracted").asInt();
            }
            System.out.printf("[figure] paged erase: %d events and %d contributions over %d calls of at most 100 deletes%n", removed, retracted, calls);
            assertEquals(250, removed);
            assertEquals(60, retracted);
            assertEquals(0, served.stores.events().count(USER));
            assertTrue(served.stores.contributions().ofUser(USER, 10).isEmpty());
            for (String i : items) {
                ItemStats was = before.get(i), now = served.stores.itemStats().find(i).orElse(ItemStats.empty(i));
                assertEquals(was.count(), now.count(), i);
                assertEquals(was.positives(), now.positives(), i);
                assertEquals(was.residualSum(), now.residualSum(), 1e-9, i);
            }
            assertTrue(served.stores.erasures().erasedSince(Instant.now().minusSeconds(600)).contains(ErasureLog.fingerprint(USER)));

            served.api.ok("/ingest", ApiClient.ratings(ratings.subList(0, 3)), erin);   // the same user comes straight back
            JsonNode adapted = served.api.ok("/adapt", ApiClient.user(USER), erin);
            assertFalse(adapted.path("stored").asBoolean(), "within the erase tombstone nothing is stored: " + adapted);
            assertTrue(served.stores.fastWeights().find(USER).isEmpty());
        }
    }
}
