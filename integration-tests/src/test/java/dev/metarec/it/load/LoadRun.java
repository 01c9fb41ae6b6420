package dev.metarec.it.load;

import dev.metarec.it.flows.ApiClient;
import dev.metarec.it.flows.GenreWorld;
import dev.metarec.it.flows.ServedModel;
import dev.metarec.it.flows.TrainedModel;
import dev.metarec.it.flows.TrainedModelExtension;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.lambda.ApiGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A bounded load run on loopback, not part of the default build (tag {@code load}): {@code clients}
 * concurrent callers, each its own user, for {@code seconds}, mixing ingest (50%), recommend (35%) and
 * adapt (15%) against {@code environments} execution environments of the metarec-api artifact on dynalite
 * and s3proxy. Prints throughput, p50/p99 latency per function and errors; then checks nothing acknowledged
 * was lost. Run: {@code integration-tests/load.sh} (see integration-tests/README.md).
 */
@Tag("load")
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
class LoadRun {
    private static final int CLIENTS = Integer.getInteger("metarec.load.clients", 32);
    private static final int SECONDS = Integer.getInteger("metarec.load.seconds", 60);
    private static final int ENVIRONMENTS = Integer.getInteger("metarec.load.environments", 4);

    @Test
    void mixedLoad(AwsServers servers, TrainedModel model) throws Exception {
        try (ServedModel served = new ServedModel(servers, model, "load", ENVIRONMENTS, Map.of("quarkus.log.category.\"dev.metarec.access\".level", "WARN"))) {
            Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
            Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
            long[] acknowledged = new long[CLIENTS];
            long end = System.nanoTime() + SECONDS * 1_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    Random random = new Random(client);
                    String user = "load-" + client;
                    ApiGateway.Token token = ApiGateway.Token.user(user);
                    for (int n = 0; System.nanoTime() < end; n++) {
                        double pick = random.nextDouble();
                        String op = pick < 0.5 ? "ingest" : pick < 0.85 ? "recommend" : "adapt";
                        var body = switch (op) {
                            case "ingest" -> ApiClient.ratings(List.of(new GenreWorld.Rating(user + "-" + n, user,
                                    model.world.items.get(random.nextInt(model.world.items.size())).itemId(), 1 + random.nextInt(5),
                                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n))));
                            case "recommend" -> ApiClient.user(user).put("k", 10);
                            default -> ApiClient.user(user);
                        };
                        long t0 = System.nanoTime();
                        ApiGateway.Response r;
                        try {
                            r = served.api.post("/" + op, body, token);
                        } catch (RuntimeException e) {
                            errors.computeIfAbsent(op + " " + e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                            continue;
                        }
                        latencies.computeIfAbsent(op, k -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime() - t0);
                        if (r.status() / 100 != 2) errors.computeIfAbsent(op + " " + r.status(), k -> new AtomicLong()).incrementAndGet();
                        else if (op.equals("ingest")) acknowledged[client] += r.json().path("eventsStored").asLong();
                    }
                }));
            }
            for (Future<?> f : futures) f.get();
            pool.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            long total = latencies.values().stream().mapToLong(List::size).sum();
            System.out.printf("[figure] load: %d clients, %d environments, %.1f s: %d requests, %.1f req/s, errors %s%n",
                    CLIENTS, ENVIRONMENTS, seconds, total, total / seconds, errors);
            latencies.forEach((op, list) -> {
                List<Long> sorted = new ArrayList<>(list);
                Collections.sort(sorted);
                System.out.printf("[figure]   %-9s n=%6d p50=%7.1f ms p99=%7.1f ms max=%7.1f ms%n", op, sorted.size(),
                        sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6,
                        sorted.get(sorted.size() - 1) / 1e6);
            });
            long lost = 0;
            for (int c = 0; c < CLIENTS; c++) lost += Math.abs(acknowledged[c] - served.stores.events().count("load-" + c));
            System.out.printf("[figure]   acknowledged events %d, lost or extra %d%n", java.util.Arrays.stream(acknowledged).sum(), lost);
            assertEquals(0, lost, "every acknowledged event is stored exactly once");
            assertTrue(errors.keySet().stream().noneMatch(k -> k.contains(" 5")), "no 5xx: " + errors);
        }
    }
}
