package dev.metarec.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metarec.adapter.dynamodb.DynamoDbEventStore;
import dev.metarec.adapter.dynamodb.DynamoDbItemStatsStore;
import dev.metarec.adapter.dynamodb.DynamoDbSchema;
import dev.metarec.adapter.dynamodb.DynamoDbTableNames;
import dev.metarec.config.AwsClients;
import dev.metarec.it.flows.ApiClient;
import dev.metarec.it.flows.GenreWorld;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.DynaliteServer;
import dev.metarec.it.lambda.ApiGateway;
import dev.metarec.it.lambda.MetarecFunctions;
import dev.metarec.model.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The DynamoDB server is killed and restarted while 8 clients ingest through the ingest function (one
 * execution environment, SDK retries up to 8 attempts): every acknowledged event is stored exactly once,
 * every stored event is whole, and the clients' redelivery of unacknowledged batches completes the log
 * without duplicates. Item counters (one per user and item) may only undercount (a contribution whose update was
 * cut off, until the repair).
 */
@ExtendWith(AwsServersExtension.class)
class FunctionsDuringDynaliteCrashTest {
    private static final int CLIENTS = 8, BATCHES = 25, PER_BATCH = 5;

    @TempDir Path data;

    private static List<GenreWorld.Rating> batch(int client, int b) {
        List<GenreWorld.Rating> out = new ArrayList<>();
        for (int i = 0; i < PER_BATCH; i++) {
            out.add(new GenreWorld.Rating("c" + client + "-b" + b + "-" + i, "crash-user-" + client, "item-" + ((b * PER_BATCH + i) % 13),
                    1 + i % 5, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(b * 10L + i)));
        }
        return out;
    }

    @Test
    void acknowledgedEvents_surviveAServerCrash_exactlyOnce(AwsServers servers) throws Exception {
        try (DynaliteServer dynalite = DynaliteServer.start(data.resolve("dynalite"));
             DynamoDbClient dynamo = AwsClients.dynamo(AwsServers.settings(dynalite.endpoint(), 3))) {
            AwsServers.Namespace shared = servers.freshNamespace("crashfn");
            DynamoDbTableNames tables = shared.tables();
            DynamoDbSchema.createAll(dynamo, tables, Duration.ofSeconds(30));
            Map<String, String> config = MetarecFunctions.configuration(servers, shared);
            config.put("metarec.dynamodb.endpoint", dynalite.endpoint().toString());
            config.put("metarec.aws.max-attempts", "8");
            try (MetarecFunctions functions = MetarecFunctions.start(1, config)) {
                ApiClient api = new ApiClient(functions.gateway());
                api.ingestItems(java.util.stream.IntStream.range(0, 13).mapToObj(k -> new GenreWorld.Item("item-" + k, "Comedy",
                        Instant.parse("2025-01-01T00:00:00Z"))).toList());   // events for items not in the catalogue count for nothing
                api.ok("/ingest", ApiClient.ratings(batch(99, 0)), ApiClient.ADMIN); // the environment is warm before the burst
                Set<String> acknowledged = ConcurrentHashMap.newKeySet();
                List<int[]> unacknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
                Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
                CountDownLatch started = new CountDownLatch(CLIENTS);
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> futures = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    futures.add(pool.submit(() -> {
                        for (int b = 0; b < BATCHES; b++) {
                            if (b == 3) started.countDown();
                            ApiGateway.Response r = api.post("/ingest", ApiClient.ratings(batch(client, b)), ApiClient.ADMIN);
                            statuses.merge(r.status(), 1, Integer::sum);
                            if (r.status() == 200) batch(client, b).forEach(e -> acknowledged.add(e.eventId()));
                            else unacknowledged.add(new int[]{client, b});
                        }
                    }));
                }
                started.await();
                long killedAt = System.nanoTime();
                dynalite.kill();
                Thread.sleep(300);
                dynalite.restart();
                long outage = (System.nanoTime() - killedAt) / 1_000_000;
                for (Future<?> f : futures) f.get();
                pool.shutdown();

                DynamoDbEventStore events = new DynamoDbEventStore(dynamo, tables.events(), Duration.ofDays(30));
                Map<String, Event> sent = new HashMap<>();
                for (int c = 0; c < CLIENTS; c++) for (int b = 0; b < BATCHES; b++) for (GenreWorld.Rating r : batch(c, b)) sent.put(r.eventId(), null);
                Map<String, Integer> stored = new HashMap<>();
                events.forEach(e -> {
                    if (e.userId().equals("crash-user-99")) return;
                    stored.merge(e.eventId(), 1, Integer::sum);
                    assertTrue(sent.containsKey(e.eventId()), "unknown event " + e.eventId());
                    assertEquals(e.eventId().substring(1, e.eventId().indexOf('-')), e.userId().substring("crash-user-".length()), "whole record");
                });
                for (String id : acknowledged) assertEquals(1, stored.getOrDefault(id, 0), "acknowledged event " + id);
                int partial = stored.size() - acknowledged.size();

                for (int[] cb : unacknowledged) api.ok("/ingest", ApiClient.ratings(batch(cb[0], cb[1])), ApiClient.ADMIN);
                Map<String, Integer> after = new HashMap<>();
                events.forEach(e -> { if (!e.userId().equals("crash-user-99")) after.merge(e.eventId(), 1, Integer::sum); });
                assertEquals(sent.keySet(), after.keySet(), "after redelivery every event is stored");
                assertTrue(after.values().stream().allMatch(n -> n == 1), "and none twice");

                DynamoDbItemStatsStore stats = new DynamoDbItemStatsStore(dynamo, tables.itemStats());
                // Per item, a counter counts each user once (their latest event). It counts at most the users with an event
                // stored for the item, and at least those whose every event for it was acknowledged: an event of a failed
                // request may leave its user's contribution in flight (the repair finishes it after the claim lease), and a
                // later event of the same user for the item waits for it; any other acknowledged user is counted.
                Map<String, Set<String>> storedUsers = new TreeMap<>(), surelyCounted = new TreeMap<>();
                Set<String> unacknowledgedPairs = new java.util.HashSet<>();
                for (int[] cb : unacknowledged) for (GenreWorld.Rating r : batch(cb[0], cb[1])) unacknowledgedPairs.add(r.userId() + "/" + r.itemId());
                for (int c = 0; c < CLIENTS; c++) for (int b = 0; b < BATCHES; b++) for (GenreWorld.Rating r : batch(c, b)) {
                    storedUsers.computeIfAbsent(r.itemId(), k -> new java.util.HashSet<>()).add(r.userId());
                    surelyCounted.computeIfAbsent(r.itemId(), k -> new java.util.HashSet<>());
                    if (acknowledged.contains(r.eventId()) && !unacknowledgedPairs.contains(r.userId() + "/" + r.itemId()))
                        surelyCounted.get(r.itemId()).add(r.userId());
                }
                for (GenreWorld.Rating warm : batch(99, 0)) {
                    storedUsers.get(warm.itemId()).add(warm.userId());
                    surelyCounted.get(warm.itemId()).add(warm.userId());
                }
                Map<String, Long> countedPerItem = new TreeMap<>();
                stats.all().forEach((item, s) -> countedPerItem.put(item, s.count()));
                assertEquals(storedUsers.keySet(), countedPerItem.keySet(), "a counter for every item and no other");
                for (String item : storedUsers.keySet()) {
                    long n = countedPerItem.get(item);
                    assertTrue(n <= storedUsers.get(item).size() && n >= surelyCounted.get(item).size(),
                            item + ": counter " + n + " outside [surely counted " + surelyCounted.get(item).size() + ", users " + storedUsers.get(item).size() + "]");
                }
                long counted = countedPerItem.values().stream().mapToLong(Long::longValue).sum() - PER_BATCH;
                long pairs = storedUsers.values().stream().mapToLong(Set::size).sum() - PER_BATCH;
                long surePairs = surelyCounted.values().stream().mapToLong(Set::size).sum() - PER_BATCH;
                System.out.printf("[figure] functions during a dynalite crash: %d batches of %d from %d clients, outage %d ms, statuses %s; "
                                + "acknowledged %d events, unacknowledged batches %d (%d of their events already stored); after redelivery "
                                + "%d events stored once each, lost 0, duplicated 0; item counters %d of %d (user, item) pairs (%d of them surely)%n",
                        CLIENTS * BATCHES, PER_BATCH, CLIENTS, outage, new TreeMap<>(statuses), acknowledged.size(), unacknowledged.size(),
                        partial, after.size(), counted, pairs, surePairs);
                // the printed figures: every event of the burst accounted for, acknowledged or redelivered
                int total = CLIENTS * BATCHES * PER_BATCH;
                assertEquals(total, after.size(), "events stored once each after redelivery");
                assertEquals(total, acknowledged.size() + unacknowledged.size() * PER_BATCH, "acknowledged + unacknowledged events");
                assertEquals(CLIENTS * BATCHES, statuses.values().stream().mapToInt(Integer::intValue).sum(), "one status per batch");
                assertEquals(unacknowledged.size(), CLIENTS * BATCHES - statuses.getOrDefault(200, 0), "unacknowledged batches are the non-200s");
                assertTrue(counted >= surePairs && counted <= pairs, "counters " + counted + " of " + pairs + " pairs");
                assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 503 || s == 500 || s == 502 || s == 504), statuses.toString());
            }
        }
    }
}
