package dev.metarec.it.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metarec.it.lambda.ApiGateway;
import dev.metarec.it.lambda.ApiGateway.Token;

import java.util.ArrayList;
import java.util.List;

/** The metarec HTTP functions as a test calls them (through the emulated API Gateway). */
public final class ApiClient {
    public static final Token ADMIN = Token.admin("it-admin");
    private final ApiGateway gateway;

    public ApiClient(ApiGateway gateway) { this.gateway = gateway; }

    public ApiGateway gateway() { return gateway; }

    public static ObjectNode object() { return ApiGateway.json().createObjectNode(); }

    /** Posts and requires a 2xx; returns the JSON body. */
    public JsonNode ok(String path, JsonNode body, Token token) {
        ApiGateway.Response r = gateway.post(path, body.toString(), token);
        if (r.status() / 100 != 2) throw new AssertionError(path + " answered " + r.status() + ": " + r.body());
        return r.json();
    }

    public ApiGateway.Response post(String path, JsonNode body, Token token) {
        return gateway.post(path, body.toString(), token);
    }

    /** Ingests the world's catalogue (admin) in batches of at most 500. */
    public void ingestItems(List<GenreWorld.Item> items) {
        for (int from = 0; from < items.size(); from += 500) {
            ObjectNode body = object();
            ArrayNode array = body.putArray("items");
            for (GenreWorld.Item i : items.subList(from, Math.min(items.size(), from + 500))) {
                ObjectNode item = array.addObject();
                item.put("itemId", i.itemId());
                item.putObject("attributes").putArray("genre").add(i.genre());
                item.put("releasedAt", i.releasedAt().toString());
            }
            ok("/ingest", body, ADMIN);
        }
    }

    /** Ingests ratings in batches of at most 500 with {@code token}; returns the responses. */
    public List<JsonNode> ingestRatings(List<GenreWorld.Rating> ratings, Token token) {
        List<JsonNode> out = new ArrayList<>();
        for (int from = 0; from < ratings.size(); from += 500) out.add(ok("/ingest", ratings(ratings.subList(from, Math.min(ratings.size(), from + 500))), token));
        return out;
    }

    public static ObjectNode ratings(List<GenreWorld.Rating> ratings) {
        ObjectNode body = object();
        ArrayNode array = body.putArray("events");
        for (GenreWorld.Rating r : ratings) {
            ObjectNode e = array.addObject();
            e.put("eventId", r.eventId());
            e.put("userId", r.userId());
            e.put("itemId", r.itemId());
            e.put("type", "rating");
            e.put("value", r.value());
            e.put("timestamp", r.timestamp().toString());
        }
        return body;
    }

    public static ObjectNode user(String userId) {
        ObjectNode body = object();
        body.put("userId", userId);
        return body;
    }

    public JsonNode recommend(String userId, int k, Token token) {
        ObjectNode body = user(userId);
        body.put("k", k);
        return ok("/recommend", body, token);
    }

    public static List<String> itemIds(JsonNode recommendation) {
        List<String> ids = new ArrayList<>();
        recommendation.path("items").forEach(i -> ids.add(i.path("itemId").asText()));
        return ids;
    }
}
