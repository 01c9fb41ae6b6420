package dev.metarec.it.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.lambda.ApiGateway.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Flow 2: a comedy just added to the catalogue appears in the very next recommendation of a comedy fan
 * (exploration slot, reason NEW_ITEM_EXPLORATION) without retraining; excluded and already seen items
 * never appear, not even as backfill.
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class NewItemFlowTest {

    @Test
    void brandNewItem_isRecommendedAtOnce_andFiltersAreHard(AwsServers servers, TrainedModel model) {
        try (ServedModel served = new ServedModel(servers, model, "newitem", 1, Map.of())) {
            Token fan = Token.user("fan");
            List<GenreWorld.Rating> seen = IntStream.range(0, 5).mapToObj(i -> new GenreWorld.Rating("fan-" + i, "fan",
                    "comedy-" + (i * 3), 5.0, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i))).toList();
            served.api.ingestRatings(seen, fan);
            served.api.ok("/adapt", ApiClient.user("fan"), fan);

            ObjectNode newItem = ApiClient.object();
            ObjectNode item = newItem.putArray("items").addObject();
            item.put("itemId", "comedy-brand-new");
            item.putObject("attributes").putArray("genre").add("Comedy");
            item.put("releasedAt", Instant.now().toString());
            served.api.ok("/ingest", newItem, ApiClient.ADMIN);

            ObjectNode request = ApiClient.user("fan");
            request.put("k", 10);
            request.put("explorationShare", 0.3);
            JsonNode next = served.api.ok("/recommend", request, fan);
            JsonNode entry = null;
            for (JsonNode i : next.path("items")) if (i.path("itemId").asText().equals("comedy-brand-new")) entry = i;
            System.out.printf("[figure] flow 2: brand-new item on the next recommendation: %s (rank %d of %d)%n",
                    entry == null ? "absent" : entry.path("reason").asText(), ApiClient.itemIds(next).indexOf("comedy-brand-new") + 1,
                    next.path("items").size());
            assertNotNull(entry, "the new comedy should fill an exploration slot for a comedy fan: " + next);
            assertEquals("NEW_ITEM_EXPLORATION", entry.path("reason").asText());

            request.putArray("exclude").add("comedy-brand-new").add("comedy-1");
            request.put("k", 100);
            JsonNode filtered = served.api.ok("/recommend", request, fan);
            List<String> ids = ApiClient.itemIds(filtered);
            assertFalse(ids.contains("comedy-brand-new"), "an excluded item must never appear");
            assertFalse(ids.contains("comedy-1"), "an excluded item must never appear");
            for (GenreWorld.Rating r : seen) assertFalse(ids.contains(r.itemId()), "a seen item must never appear: " + r.itemId());
            assertEquals(100, ids.size(), "k=100 is filled from the rest of the catalogue");
            assertEquals(ids.size(), ids.stream().distinct().count(), "no item twice");
        }
    }
}
