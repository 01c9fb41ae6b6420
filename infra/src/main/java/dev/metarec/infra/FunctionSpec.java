package dev.metarec.infra;

import java.util.List;

import software.amazon.awscdk.Duration;

/**
 * Sizing of one Lambda function.
 *
 * @param name                function name as the code knows it; for HTTP functions also the Funqy
 *                            function name and therefore the route path {@code POST /<name>}
 * @param http                true for the HTTP functions (metarec-api artifact) behind API Gateway,
 *                            false for meta-train (metarec-meta-train artifact)
 * @param memoryMb            memory (on Lambda also the CPU share)
 * @param timeout             invocation timeout; HTTP functions must stay within API Gateway's 30 s
 * @param reservedConcurrency concurrency reserved (and capped) for the function, or null for none;
 *                            caps the write rate a burst can put on the on-demand tables
 * @param routeRateLimit      steady-state requests per second allowed on the route (HTTP only)
 * @param routeBurstLimit     burst allowed on the route (HTTP only)
 */
public record FunctionSpec(String name, boolean http, int memoryMb, Duration timeout,
                           Integer reservedConcurrency, int routeRateLimit, int routeBurstLimit) {

    /** The longest timeout Lambda allows; meta-train trains within a budget below it and resumes. */
    public static final Duration META_TRAIN_TIMEOUT = Duration.minutes(15);

    public FunctionSpec {
        if (memoryMb < 128 || memoryMb > 10240) {
            throw new IllegalArgumentException("memoryMb of '" + name + "' is " + memoryMb
                    + "; Lambda allows 128 to 10240");
        }
        if (http && timeout.toSeconds().intValue() > 29) {
            throw new IllegalArgumentException("timeout of HTTP function '" + name + "' is "
                    + timeout.toSeconds() + " s; API Gateway HTTP APIs cut integrations at 30 s, so at most 29");
        }
    }

    /** Route key of the function in the HTTP API, e.g. {@code POST /ingest}. */
    public String routeKey() {
        return "POST /" + name;
    }

    /**
     * Defaults. Reserved concurrency protects DynamoDB where a burst writes: ingest (events, items,
     * item-stats, profiles), adapt (fast weights), erase (batch deletes) and meta-train (one run at a
     * time, so two runs never race on the progress state). Recommend is read-mostly and left to scale.
     */
    public static List<FunctionSpec> defaults() {
        return List.of(
                new FunctionSpec("ingest", true, 512, Duration.seconds(10), 20, 50, 100),
                new FunctionSpec("adapt", true, 1024, Duration.seconds(15), 10, 20, 40),
                new FunctionSpec("recommend", true, 1024, Duration.seconds(10), null, 100, 200),
                new FunctionSpec("erase", true, 512, Duration.seconds(29), 2, 5, 10),
                new FunctionSpec("meta-train", false, 3008, META_TRAIN_TIMEOUT, 1, 0, 0));
    }
}
