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
        // No erase tombstone after a completed erase (EraseHardeningTest covers it): a victim erased by an earlier cell
        // gets fast weights again at once, so every refused cell is checked against events, a profile and fast weights.
        try (ServedModel served = new ServedModel(servers, model, "authz", 1, Map.of("metarec.erase.tombstone", "PT0S"))) {
            ApiGateway gateway = served.functions.gateway();
            Map<String, Token> tokens = new LinkedHashMap<>();
            tokens.put("no token", NONE);
            tokens.put("alice", ALICE);
            tokens.put("bob", BOB);
            tokens.put("admin", ADMIN);
            List<String> cells = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            int refusedChecked = 0;
            for (var token : tokens.entrySet()) {
                for (Operation op : operations()) {
                    for (String owner : List.of("alice", "bob")) {
                        JsonNode body = op.body().apply(owner);
                        int expected = expected(token.getValue(), owner);
                        String before = null;
                        if (expected != 200) {
                            ensureData(served, gateway, owner);   // the victim has events, a profile and fast weights
                            before = state(served, owner);
                        }
                        int status = gateway.post(op.path(), body.toString(), token.getValue()).status();
                        if (expected != 200) {
                            assertEquals(before, state(served, owner), token.getKey() + " " + op.name() + " " + owner
                                    + " was refused (" + status + ") but changed the store");
                            refusedChecked++;
                        }
                        cells.add(String.format("%-8s %-15s %-6s -> %d", token.getKey(), op.name(), owner, status));
                        if (!matches(expected, status)) wrong.add(cells.get(cells.size() - 1) + " (expected " + expected + ")");
                    }
                }
                long itemsBefore = served.stores.catalog().version();
                JsonNode write = catalogueWrite();
                int status = gateway.post("/ingest", write.toString(), token.getValue()).status();
                int expected = token.getValue() == NONE ? 401 : token.getValue() == ADMIN ? 200 : 403;
                if (expected != 200) assertTrue(served.stores.catalog().find(write.path("items").path(0).path("itemId").asText()).isEmpty(),
                        "a refused catalogue write stored its item");
                cells.add(String.format("%-8s %-15s %-6s -> %d", token.getKey(), "catalogue write", "-", status));
                if (!matches(expected, status)) wrong.add(cells.get(cells.size() - 1) + " (expected " + expected + ")");
                if (expected != 200) assertEquals(itemsBefore, served.stores.catalog().version(), "a refused catalogue write changed the catalogue");
            }
            System.out.printf("[figure] authorization matrix: %d cells, %d wrong; %d refused user cells checked against the victim's data%n",
                    cells.size(), wrong.size(), refusedChecked);
            cells.forEach(c -> System.out.println("  " + c));
            assertEquals(List.of(), wrong);
            assertEquals(44, cells.size(), "4 tokens x (5 operations x 2 owners + a catalogue write)");
            assertEquals(20, refusedChecked, "no token: 10 refused cells; alice and bob: 5 each on the other's data");
        }
    }

    /** Gives {@code owner} events, a profile and fast weights (as admin) if an earlier cell, an erase, removed them. */
    private static void ensureData(ServedModel served, ApiGateway gateway, String owner) {
        var stores = served.stores;
        if (stores.events().recent(owner, 1).isEmpty())
            assertEquals(200, gateway.post("/ingest", ApiClient.ratings(List.of(new GenreWorld.Rating("seed-" + (++sequence), owner,
                    "comedy-2", 5.0, Instant.parse("2026-01-02T00:00:00Z")))).toString(), ADMIN).status());
        if (stores.profiles().find(owner).isEmpty())
            assertEquals(200, gateway.post("/ingest", operations().get(1).body().apply(owner).toString(), ADMIN).status());
        if (stores.fastWeights().find(owner).isEmpty())
            assertEquals(200, gateway.post("/adapt", ApiClient.user(owner).toString(), ADMIN).status());
        String state = state(served, owner);
        assertFalse(state.contains("events=[]") || state.contains("profile=Optional.empty") || state.contains("fast=none"), state);
    }

    /** What the store holds of {@code owner} (events, profile, fast weights) and the item statistics an ingest touches. */
    private static String state(ServedModel served, String owner) {
        var stores = served.stores;
        List<String> events = stores.events().recent(owner, 1000).stream().map(e -> e.eventId()).sorted().toList();
        String fast = stores.fastWeights().find(owner).map(w -> "v" + w.version() + "/" + w.checkpointId() + "/"
                + java.util.Arrays.hashCode(w.payload())).orElse("none");
        return "events=" + events + " profile=" + stores.profiles().find(owner) + " fast=" + fast
                + " stats=" + stores.itemStats().find("comedy-1") + "," + stores.itemStats().find("comedy-2");
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
