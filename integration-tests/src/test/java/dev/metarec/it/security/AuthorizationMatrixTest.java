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
import dev.metarec.it.lambda.ApiGateway;
import dev.metarec.it.lambda.ApiGateway.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Tokens (none, user alice, user bob, admin) x operations (each function on one's own user or another's,
 * catalogue writes): every cell's status is asserted; a refused cell also leaves the store unchanged.
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class AuthorizationMatrixTest {
    private static final Token NONE = Token.ANONYMOUS, ALICE = Token.user("alice"), BOB = Token.user("bob"), ADMIN = Token.admin("root");
    private static int sequence;

    /** One operation on behalf of {@code owner}. */
    private record Operation(String name, String path, Function<String, JsonNode> body) {}

    private static List<Operation> operations() {
        return List.of(
                new Operation("ingest event", "/ingest", owner -> ApiClient.ratings(List.of(new GenreWorld.Rating("m-" + (++sequence), owner,
                        "comedy-1", 4.0, Instant.parse("2026-01-01T00:00:00Z"))))),
                new Operation("ingest profile", "/ingest", owner -> {
                    ObjectNode b = ApiClient.object();
                    ObjectNode p = b.putArray("profiles").addObject();
                    p.put("userId", owner);
                    p.putObject("attributes").putArray("age").add("18-24");
                    return b;
                }),
                new Operation("adapt", "/adapt", ApiClient::user),
                new Operation("recommend", "/recommend", ApiClient::user),
                new Operation("erase", "/erase", ApiClient::user));
    }

    private static JsonNode catalogueWrite() {
        ObjectNode b = ApiClient.object();
        ObjectNode item = b.putArray("items").addObject();
        item.put("itemId", "matrix-item-" + (++sequence));
        item.putObject("attributes").putArray("genre").add("Drama");
        return b;
    }

    @Test
    void everyCell_ofTokensTimesFunctionsTimesOwnership(AwsServers servers, TrainedModel model) {
        try (ServedModel served = new ServedModel(servers, model, "authz", 1, Map.of())) {
            ApiGateway gateway = served.functions.gateway();
            Map<String, Token> tokens = new LinkedHashMap<>();
            tokens.put("no token", NONE);
            tokens.put("alice", ALICE);
            tokens.put("bob", BOB);
            tokens.put("admin", ADMIN);
            List<String> cells = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (var token : tokens.entrySet()) {
                for (Operation op : operations()) {
                    for (String owner : List.of("alice", "bob")) {
                        JsonNode body = op.body().apply(owner);
                        int status = gateway.post(op.path(), body.toString(), token.getValue()).status();
                        int expected = expected(token.getValue(), owner);
                        if (expected != 200 && body.has("events")) {
                            String eventId = body.path("events").path(0).path("eventId").asText();
                            assertTrue(served.stores.events().recent(owner, 1000).stream().noneMatch(e -> e.eventId().equals(eventId)),
                                    "a refused ingest stored " + eventId);
                        }
                        cells.add(String.format("%-8s %-15s %-6s -> %d", token.getKey(), op.name(), owner, status));
                        if (!matches(expected, status)) wrong.add(cells.get(cells.size() - 1) + " (expected " + expected + ")");
                    }
                }
                long itemsBefore = served.stores.catalog().version();
                int status = gateway.post("/ingest", catalogueWrite().toString(), token.getValue()).status();
                int expected = token.getValue() == NONE ? 401 : token.getValue() == ADMIN ? 200 : 403;
                cells.add(String.format("%-8s %-15s %-6s -> %d", token.getKey(), "catalogue write", "-", status));
                if (!matches(expected, status)) wrong.add(cells.get(cells.size() - 1) + " (expected " + expected + ")");
                if (expected != 200) assertEquals(itemsBefore, served.stores.catalog().version(), "a refused catalogue write changed the catalogue");
            }
            System.out.printf("[figure] authorization matrix: %d cells, %d wrong%n", cells.size(), wrong.size());
            cells.forEach(c -> System.out.println("  " + c));
            assertEquals(List.of(), wrong);
        }
    }

    private static int expected(Token token, String owner) {
        if (token == NONE) return 401;
        if (token == ADMIN || token.sub().equals(owner)) return 200;
        return 403;
    }

    private static boolean matches(int expected, int status) {
        return expected == 200 ? status / 100 == 2 : status == expected;
    }
}
