package dev.metarec.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What API Gateway (HTTP API, payload format 2.0, JWT authorizer) does in front of the functions: turns an
 * HTTP request plus the verified token's claims into the Lambda event, and the function's answer back into
 * status, headers and body.
 */
public final class ApiGateway {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The OAuth client of the mobile app (never an admin client). */
    public static final String APP_CLIENT = "metarec-it-app";
    /** The back-office client the functions under test accept admin tokens from ({@code metarec.auth.admin-clients}). */
    public static final String ADMIN_CLIENT = "metarec-it-ops";

    /**
     * A verified caller: the JWT's {@code sub}, {@code scope} and {@code client_id} claims; {@link #ANONYMOUS}
     * carries no token.
     */
    public record Token(String sub, String scope, String clientId) {
        public static final Token ANONYMOUS = new Token(null, null, null);

        public Token(String sub, String scope) { this(sub, scope, APP_CLIENT); }

        public static Token user(String sub) { return new Token(sub, "openid", APP_CLIENT); }

        public static Token admin(String sub) { return new Token(sub, "openid metarec/admin", ADMIN_CLIENT); }
    }

    public record Response(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("response body is not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final LambdaRuntimeEmulator lambda;
    private final Duration timeout;

    public ApiGateway(LambdaRuntimeEmulator lambda, Duration timeout) {
        this.lambda = lambda;
        this.timeout = timeout;
    }

    public Response post(String path, String body, Token token) {
        return send("POST", path, "application/json", body, token);
    }

    public Response send(String method, String path, String contentType, String body, Token token) {
        String answer = lambda.invoke(event(method, path, contentType, body, token), timeout);
        try {
            JsonNode r = JSON.readTree(answer);
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            if (r.has("headers")) r.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
            String text = r.path("body").isNull() ? "" : r.path("body").asText();
            if (r.path("isBase64Encoded").asBoolean(false)) text = new String(java.util.Base64.getDecoder().decode(text), java.nio.charset.StandardCharsets.UTF_8);
            return new Response(r.path("statusCode").asInt(), headers, text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("the function's answer is not an API Gateway response: " + answer, e);
        }
    }

    static String event(String method, String path, String contentType, String body, Token token) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", "$default");
        e.put("rawPath", path);
        e.put("rawQueryString", "");
        ObjectNode headers = e.putObject("headers");
        if (contentType != null) headers.put("content-type", contentType);
        headers.put("host", "metarec.execute-api.us-east-1.amazonaws.com");
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", "000000000000");
        ctx.put("apiId", "metarec");
        ctx.put("domainName", "metarec.execute-api.us-east-1.amazonaws.com");
        ctx.put("requestId", UUID.randomUUID().toString());
        ctx.put("routeKey", "$default");
        ctx.put("stage", "$default");
        ctx.put("time", Instant.now().toString());
        ctx.put("timeEpoch", System.currentTimeMillis());
        ObjectNode http = ctx.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "metarec-it");
        if (token.sub() != null) {
            ObjectNode jwt = ctx.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            claims.put("sub", token.sub());
            if (token.scope() != null) claims.put("scope", token.scope());
            if (token.clientId() != null) claims.put("client_id", token.clientId());
            var scopes = jwt.putArray("scopes");
            if (token.scope() != null) for (String s : token.scope().split(" ")) scopes.add(s);
        }
        if (body != null) e.put("body", body);
        e.put("isBase64Encoded", false);
        return e.toString();
    }

    public static ObjectMapper json() { return JSON; }
}
