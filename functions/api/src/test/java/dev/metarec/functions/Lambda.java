package dev.metarec.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;

import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Invokes a function the way API Gateway does: a raw HTTP API (payload 2.0) event posted to the mock
 * Lambda event server, carrying the JWT authorizer claims API Gateway would have verified.
 */
final class Lambda {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A function's answer; {@code headers} as API Gateway receives them (names as the function wrote them). */
    record Response(int status, JsonNode body, JsonNode headers) {
        Response(int status, JsonNode body) { this(status, body, JSON.nullNode()); }

        /** A response header by case-insensitive name, or null. */
        String header(String name) {
            for (var it = headers.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (n.equalsIgnoreCase(name)) return headers.path(n).asText();
            }
            return null;
        }
    }

    private Lambda() {}

    static Response call(String function, Object body, String sub, String scope) {
        return call(function, body, claims(sub, scope), Map.of(), "test-" + System.nanoTime());
    }

    /** The authorizer claims of a token: {@code sub} and {@code scope}; none when {@code sub} is null. */
    static Map<String, String> claims(String sub, String scope) {
        Map<String, String> claims = new java.util.LinkedHashMap<>();
        if (sub != null) claims.put("sub", sub);
        if (sub != null && scope != null) claims.put("scope", scope);
        return claims;
    }

    /** A raw call: the JWT claims as given (none when empty), extra request headers and API Gateway's request id. */
    static Response call(String function, Object body, Map<String, String> claimValues, Map<String, String> extraHeaders, String gatewayRequestId) {
        try {
            ObjectNode event = JSON.createObjectNode();
            event.put("version", "2.0");
            event.put("routeKey", "$default");
            event.put("rawPath", "/" + function);
            event.put("rawQueryString", "");
            Map<String, String> headers = new java.util.LinkedHashMap<>(extraHeaders);
            headers.putIfAbsent("content-type", "application/json");
            event.set("headers", JSON.valueToTree(headers));
            ObjectNode ctx = event.putObject("requestContext");
            ctx.put("requestId", gatewayRequestId);
            ObjectNode http = ctx.putObject("http");
            http.put("method", "POST");
            http.put("path", "/" + function);
            http.put("protocol", "HTTP/1.1");
            http.put("sourceIp", "127.0.0.1");
            http.put("userAgent", "test");
            if (!claimValues.isEmpty()) {
                ObjectNode claims = ctx.putObject("authorizer").putObject("jwt").putObject("claims");
                claimValues.forEach(claims::put);
            }
            event.put("body", body instanceof String s ? s : JSON.writeValueAsString(body));
            event.put("isBase64Encoded", false);
            String raw = given().contentType(ContentType.JSON).body(JSON.writeValueAsString(event)).post("/_lambda_").then().extract().asString();
            JsonNode response = JSON.readTree(raw);
            String b = response.path("body").asText("");
            return new Response(response.path("statusCode").asInt(), b.isEmpty() ? JSON.nullNode() : JSON.readTree(b), response.path("headers"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An operator: the admin scope in a token issued to the admin client configured for tests ({@code ops-console}). */
    static Response admin(String function, Object body) {
        Map<String, String> claims = claims("ops", "openid metarec/admin");
        claims.put("client_id", "ops-console");
        return call(function, body, claims, Map.of(), "test-" + System.nanoTime());
    }

    static Response as(String user, String function, Object body) { return call(function, body, user, "openid"); }
}
