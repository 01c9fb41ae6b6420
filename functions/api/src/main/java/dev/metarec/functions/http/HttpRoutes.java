package dev.metarec.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.metarec.functions.dto.IngestRequest;
import dev.metarec.functions.dto.Problem;
import dev.metarec.functions.dto.RecommendRequest;
import dev.metarec.functions.dto.UserRequest;
import dev.metarec.port.ChampionPointer;
import dev.metarec.service.ChampionCache;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The HTTP edge around the Funqy functions: a request id on every request (API Gateway's own in Lambda; locally
 * the client's {@code X-Request-Id}, else generated; echoed back, put in the log MDC, the client's id in a field
 * of its own) and one structured log line per function call; a strict
 * JSON check before Funqy (unknown fields, duplicate keys, nesting deeper than 32, wrong types: a 400 naming
 * the field); problem+json for known failures; {@code GET /health} and {@code GET /metrics}.
 */
@Singleton
public class HttpRoutes {
    private static final Logger LOG = Logger.getLogger("dev.metarec.access");
    /** What a request id may look like (a client's is dropped otherwise): no spaces, quotes or control characters to forge log lines with. */
    private static final String REQUEST_ID = "[A-Za-z0-9._=-]{1,64}";
    private static final Map<String, Class<?>> FUNCTIONS = Map.of(
            "/ingest", IngestRequest.class, "/adapt", UserRequest.class, "/recommend", RecommendRequest.class, "/erase", UserRequest.class);

    @Inject ObjectMapper json;
    @Inject Metrics metrics;
    @Inject ChampionCache champion;
    @Inject ChampionPointer pointer;
    @Inject Clock clock;

    /**
     * Host names a request may be addressed to ({@code Host} header, port ignored); empty = no check (Lambda,
     * behind API Gateway). The local profile sets the loopback names and {@code ./metarec --host} adds its own,
     * so a web page that rebinds its DNS name to 127.0.0.1 cannot reach the unauthenticated local server.
     */
    @ConfigProperty(name = "metarec.http.allowed-hosts") Optional<List<String>> allowedHosts;

    void routes(@Observes Router router) {
        ObjectMapper strict = json.copy();
        strict.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1_000_000).maxNumberLength(64).build());
        strict.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        strict.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // A wrong JSON type is an error, not a conversion: 12345 or true where an id (a string) belongs is refused.
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        Set<String> hosts = allowedHosts.orElse(List.of()).stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toSet());
        if (!hosts.isEmpty()) router.route().order(-1100).handler(ctx -> checkHost(ctx, hosts));
        router.route().order(-1000).handler(this::requestId);
        router.route().order(-1000).failureHandler(this::failure);
        for (Map.Entry<String, Class<?>> f : FUNCTIONS.entrySet()) {
            ObjectReader reader = strict.readerFor(f.getValue());
            router.post(f.getKey()).order(-900).handler(BodyHandler.create().setBodyLimit(2 * 1024 * 1024)).handler(ctx -> check(ctx, reader));
        }
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(metrics.prometheus()));
    }

    private void requestId(RoutingContext ctx) {
        String client = ctx.request().getHeader("X-Request-Id");
        String clientId = client != null && client.matches(REQUEST_ID) ? client : null;
        String gateway = apiGatewayRequestId(ctx);
        // Behind API Gateway its own id is the request id (it joins the function's logs with the access logs and
        // cannot be chosen by the client); the client's id is kept in a field of its own. Served locally, the
        // client's id (when well-formed) is the request id, as there is no other.
        String id = gateway != null && gateway.matches("[A-Za-z0-9._=+/-]{1,128}") ? gateway : clientId != null ? clientId : UUID.randomUUID().toString();
        ctx.put("requestId", id);
        mdc(id, clientId);
        ctx.response().putHeader("X-Request-Id", id);
        long start = System.nanoTime();
        String path = ctx.normalizedPath();
        if (FUNCTIONS.containsKey(path)) ctx.addEndHandler(v -> {
            long nanos = System.nanoTime() - start;
            int status = ctx.response().getStatusCode();
            metrics.record(path.substring(1), status, nanos);
            mdc(id, clientId);
            if (clientId != null) LOG.infof("function=%s status=%d durationMs=%.2f clientRequestId=%s", path.substring(1), status, nanos / 1e6, clientId);
            else LOG.infof("function=%s status=%d durationMs=%.2f", path.substring(1), status, nanos / 1e6);
        });
        ctx.next();
    }

    /** Refuses a request whose {@code Host} is not one of {@code hosts} (DNS rebinding), before anything else runs. */
    private void checkHost(RoutingContext ctx, Set<String> hosts) {
        String host = hostName(ctx.request().getHeader("Host"));
        if (host != null && hosts.contains(host)) {
            ctx.next();
            return;
        }
        Problems.send(ctx, json, new Problem("urn:metarec:host-not-allowed", "Host not allowed", 403,
                "this server answers only requests addressed to " + String.join(", ", new java.util.TreeSet<>(hosts))
                        + " (the Host header names another host: DNS rebinding?)", "Host", String.join(",", new java.util.TreeSet<>(hosts)), null));
    }

    /** The host name of a {@code Host} header without its port, lower case ({@code [::1]} stays bracketed); null if absent. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) return null;
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static void mdc(String requestId, String clientRequestId) {
        MDC.put("requestId", requestId);
        if (clientRequestId != null) MDC.put("clientRequestId", clientRequestId);
        else MDC.remove("clientRequestId");
    }

    /** In Lambda, API Gateway's own request id (so logs join with the access logs); null when served locally. */
    private static String apiGatewayRequestId(RoutingContext ctx) {
        if (!(ctx.request().headers() instanceof QuarkusHttpHeaders headers)) return null;
        APIGatewayV2HTTPEvent event = headers.getContextObject(APIGatewayV2HTTPEvent.class);
        return event == null || event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    private void check(RoutingContext ctx, ObjectReader reader) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.trim().toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            Problems.send(ctx, json, new Problem("urn:metarec:unsupported-media-type", "Unsupported media type", 415,
                    "the body must be sent as application/json, was " + (type == null ? "no Content-Type" : "'" + type + "'"),
                    "Content-Type", "application/json", ctx.get("requestId")));
            return;
        }
        try {
            if (ctx.body().length() == 0) throw new com.fasterxml.jackson.core.JsonParseException(null, "empty body");
            reader.readValue(ctx.body().buffer().getBytes());
            ctx.next();
        } catch (JsonProcessingException e) {
            Problems.send(ctx, json, Problems.malformed(e, ctx.get("requestId")));
        } catch (java.io.IOException e) {
            Problems.send(ctx, json, new Problem("urn:metarec:malformed", "Malformed request", 400, "can't read the body", "body", null, ctx.get("requestId")));
        }
    }

    private void failure(RoutingContext ctx) {
        Throwable t = ctx.failure();
        if (t != null && t.getCause() != null && t.getClass().getName().startsWith("io.quarkus.funqy") ) t = t.getCause();
        Problem p = Problems.of(t, ctx.statusCode(), ctx.get("requestId"));
        if (p == null && t != null && Problems.of(t.getCause(), 0, null) != null) p = Problems.of(t.getCause(), 0, ctx.get("requestId"));
        if (p == null || ctx.response().ended()) { ctx.next(); return; }
        Throwable cause = t instanceof dev.metarec.service.QuotaExceededException ? t : t == null ? null : t.getCause();
        if (cause instanceof dev.metarec.service.QuotaExceededException q) ctx.response().putHeader("Retry-After", Long.toString(q.retryAfterSeconds()));
        Problems.send(ctx, json, p);
    }

    private void health(RoutingContext ctx) {
        String champ;
        int status = 200;
        String store = "UP";
        try {
            pointer.current();
            champ = champion.current(clock.instant()).map(m -> m.checkpointId()).orElse(null);
        } catch (RuntimeException e) {
            store = "DOWN";
            champ = null;
        }
        if (champ == null) status = 503;
        String body = "{\"status\":\"" + (status == 200 ? "UP" : "DOWN") + "\",\"store\":\"" + store + "\",\"champion\":"
                + (champ == null ? "null" : "\"" + champ + "\"") + "}";
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
