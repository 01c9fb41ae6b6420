package dev.metarec.it.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 11.1 on dynalite: a mobile-app user whose identity provider granted them {@code metarec/admin} (Auth0 with
 * RBAC off grants whatever scope a client asks for) is still an ordinary user, because their token was not issued
 * to an admin client. They cannot write the catalogue, erase another user or read another user's recommendations,
 * and the victim's data stays where it was. The same scope from the back-office client is an admin.
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class AdminClientTest {
    @Test
    void theAdminScopeFromTheAppClient_shouldChangeNothing_andFromTheAdminClient_shouldWriteTheCatalogue(AwsServers servers, TrainedModel model) {
        try (ServedModel served = new ServedModel(servers, model, "adminclient", 1, Map.of())) {
            ApiClient api = served.api;
            Token bob = Token.user("bob");
            api.ingestRatings(List.of(new GenreWorld.Rating("b1", "bob", "comedy-1", 5.0, Instant.parse("2026-01-01T00:00:00Z")),
                    new GenreWorld.Rating("b2", "bob", "comedy-2", 4.0, Instant.parse("2026-01-01T00:01:00Z"))), bob);
            Token mallory = new Token("mallory", "openid metarec/admin", ApiGateway.APP_CLIENT);
            long catalogue = served.stores.catalog().version();

            assertEquals(403, api.post("/ingest", item("shilled"), mallory).status(), "catalogue write");
            assertEquals(403, api.post("/erase", ApiClient.user("bob"), mallory).status(), "erase another user");
            assertEquals(403, api.post("/recommend", ApiClient.user("bob"), mallory).status(), "another user's recommendations");
            assertEquals(403, api.post("/adapt", ApiClient.user("bob"), mallory).status(), "adapt another user");

            assertEquals(catalogue, served.stores.catalog().version(), "the catalogue is unchanged");
            assertEquals(2, served.stores.events().recent("bob", 10).size(), "bob's events are still there");
            assertEquals(200, api.post("/ingest", item("by-ops"), ApiClient.ADMIN).status(), "the admin client's token is an admin");
            assertEquals(catalogue + 1, served.stores.catalog().version());
        }
    }

    private static ObjectNode item(String id) {
        ObjectNode b = ApiClient.object();
        ObjectNode i = b.putArray("items").addObject();
        i.put("itemId", id);
        i.putObject("attributes").putArray("genre").add("Comedy");
        return b;
    }
}
