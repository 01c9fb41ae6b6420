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
import dev.metarec.port.ItemStatsStore.ItemStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11.2 through the functions on dynalite: one account sends 1,000 ratings of one item (fresh event ids, as
 * an attacker would); the item's score for another user moves no more than one rating moves it, and its counter
 * counts the account once. The same account burying the item moves it by at most one bounded contribution.
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class ShillingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static double score(ApiClient api, String user, String item) {
        ObjectNode body = ApiClient.user(user);
        body.put("k", 1);
        body.putArray("candidates").add(item);
        JsonNode r = api.ok("/recommend", body, Token.user(user));
        return r.path("items").get(0).path("score").asDouble();
    }

    private static void flood(ApiClient api, String user, String item, int n, double value, int from) {
        List<GenreWorld.Rating> ratings = new ArrayList<>();
        for (int i = 0; i < n; i++) ratings.add(new GenreWorld.Rating(user + "-" + value + "-" + (from + i), user, item, value, T0.plusSeconds(from + i)));
        api.ingestRatings(ratings, Token.user(user));
    }

    @Test
    void aThousandRatingsFromOneAccount_shouldMoveAnItemForOthers_noMoreThanOneRating(AwsServers servers, TrainedModel model) {
        try (ServedModel served = new ServedModel(servers, model, "shilling", 1, Map.of("metarec.limits.max-events-per-user-per-day", "5000"))) {
            String item = model.world.items.get(3).itemId();
            ItemStats before = served.stores.itemStats().find(item).orElseThrow();
            double s0 = score(served.api, "observer", item);

            flood(served.api, "mallory", item, 1, 5.0, 0);
            double one = score(served.api, "observer", item) - s0;
            flood(served.api, "mallory", item, 1000, 5.0, 1);
            double thousand = score(served.api, "observer", item) - s0;
            ItemStats after = served.stores.itemStats().find(item).orElseThrow();

            System.out.printf("[figure] shilling: 1 rating moved the item by %.4f for another user, 1,001 ratings by %.4f; counter %d -> %d%n",
                    one, thousand, before.count(), after.count());
            assertEquals(before.count() + 1, after.count(), "the account counts once");
            assertTrue(Math.abs(thousand) <= Math.abs(one) + 1e-9, "1,001 ratings moved it by " + thousand + ", one by " + one);

            flood(served.api, "mallory", item, 1000, 0.0, 2000);
            double buried = score(served.api, "observer", item) - s0;
            double bound = 5.0 / (before.count() + 1 + 10.0);   // max residual / (count + lambda)
            assertEquals(before.count() + 1, served.stores.itemStats().find(item).orElseThrow().count());
            assertTrue(Math.abs(buried) <= bound + 1e-9, "one account moves an item by at most " + bound + ", moved it by " + buried);
        }
    }
}
