package dev.metarec.it.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.lambda.ApiGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Flow 4: a user with events, a profile and fast weights erases themself; afterwards no table item and no
 * S3 object mentions the user, and replaying an old event starts the user afresh (stored once again).
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class EraseFlowTest {
    private static final String USER = "erin-erasable";

    @Test
    void erase_leavesNothing_andAReplayedEventStartsFresh(AwsServers servers, TrainedModel model) {
        try (ServedModel served = new ServedModel(servers, model, "erase", 1, Map.of())) {
            ApiGateway.Token erin = ApiGateway.Token.user(USER);
            List<GenreWorld.Rating> events = IntStream.range(0, 6).mapToObj(i -> new GenreWorld.Rating("erin-" + i, USER,
                    "scifi-" + i, 5.0, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i))).toList();
            ObjectNode body = ApiClient.ratings(events);
            ObjectNode profile = body.putArray("profiles").addObject();
            profile.put("userId", USER);
            profile.putObject("attributes").putArray("age").add("25-34");
            served.api.ok("/ingest", body, erin);
            served.api.ok("/adapt", ApiClient.user(USER), erin);
            served.api.recommend(USER, 5, erin);
            assertEquals(6, served.stores.events().count(USER));
            assertTrue(served.stores.profiles().find(USER).isPresent());
            assertTrue(served.stores.fastWeights().find(USER).isPresent());

            JsonNode erased = served.api.ok("/erase", ApiClient.user(USER), erin);
            assertEquals(6, erased.path("eventsRemoved").asInt(), erased.toString());

            int mentions = mentionsInTables(servers, served) + mentionsInBucket(servers, served);
            System.out.printf("[figure] erase: %d events, profile and fast weights removed; table items or objects still mentioning the user: %d%n",
                    erased.path("eventsRemoved").asInt(), mentions);
            assertEquals(0, mentions);

            JsonNode replay = served.api.ok("/ingest", ApiClient.ratings(events.subList(0, 1)), erin);
            assertEquals(1, replay.path("eventsStored").asInt(), "an old event replayed after erasure starts fresh: " + replay);
            assertEquals(1, served.stores.events().count(USER));
        }
    }

    private static int mentionsInTables(AwsServers servers, ServedModel served) {
        var t = served.namespace.tables();
        int mentions = 0;
        for (String table : List.of(t.events(), t.items(), t.itemStats(), t.profiles(), t.fastWeights(), t.control())) {
            for (Map<String, AttributeValue> item : servers.dynamo().scanPaginator(b -> b.tableName(table)).items()) {
                // The erase tombstone (user id, time, TTL; no data) stays until DynamoDB's TTL removes it, so that an
                // adapt racing the erase cannot store weights made from erased events (docs/DEPLOY.md).
                boolean tombstone = table.equals(t.fastWeights()) && java.util.Set.of("userId", "erasedUntil", "expiresAt").containsAll(item.keySet());
                if (item.toString().contains(USER) && !tombstone) mentions++;
            }
        }
        return mentions;
    }

    private static int mentionsInBucket(AwsServers servers, ServedModel served) {
        int mentions = 0;
        for (var object : servers.s3().listObjectsV2Paginator(b -> b.bucket(served.namespace.bucket())).contents()) {
            String bytes = new String(servers.s3().getObjectAsBytes(b -> b.bucket(served.namespace.bucket()).key(object.key())).asByteArray(),
                    StandardCharsets.ISO_8859_1);
            if (object.key().contains(USER) || bytes.contains(USER)) mentions++;
        }
        return mentions;
    }
}
