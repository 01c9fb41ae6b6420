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
        try {
            ObjectNode event = JSON.createObjectNode();
            event.put("version", "2.0");
            event.put("routeKey", "$default");
            event.put("rawPath", "/" + function);
            event.put("rawQueryString", "");
            event.set("headers", JSON.valueToTree(Map.of("content-type", "application/json")));
            ObjectNode ctx = event.putObject("requestContext");
            ctx.put("requestId", "test-" + System.nanoTime());
            ObjectNode http = ctx.putObject("http");
            http.put("method", "POST");
            http.put("path", "/" + function);
            http.put("protocol", "HTTP/1.1");
            http.put("sourceIp", "127.0.0.1");
            http.put("userAgent", "test");
            if (sub != null) {
                ObjectNode claims = ctx.putObject("authorizer").putObject("jwt").putObject("claims");
                claims.put("sub", sub);
                if (scope != null) claims.put("scope", scope);
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

    static Response admin(String function, Object body) { return call(function, body, "ops", "openid metarec/admin"); }

    static Response as(String user, String function, Object body) { return call(function, body, user, "openid"); }
}
