package dev.metarec.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metarec.it.flows.ApiClient;
import dev.metarec.it.flows.GenreWorld;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.it.lambda.MetarecFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * 10,000 redeliveries of the same 100 events through the ingest function, first serially and then from 16
 * threads over 2 execution environments: every event is stored once and every item counter counts each (user, item) once.
 */
@ExtendWith(AwsServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedeliveryTest {
    private static final int EVENTS = 100;
    private static final int DELIVERIES = 100; // 100 deliveries x 100 events = 10,000 event redeliveries
    private AwsStores stores;
    private MetarecFunctions functions;
    private ApiClient api;

    @BeforeAll
    void start(AwsServers servers) {
        AwsServers.Namespace ns = servers.freshNamespace("redelivery");
        stores = AwsStores.over(servers.dynamo(), servers.s3(), ns, Clock.systemUTC());
        functions = MetarecFunctions.start(2, MetarecFunctions.configuration(servers, ns));
        api = new ApiClient(functions.gateway());
    }

    @AfterAll
    void stop() {
        if (functions != null) functions.close();
    }

    private static List<GenreWorld.Rating> batch(String prefix) {
        List<GenreWorld.Rating> events = new ArrayList<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < EVENTS; i++) {
            events.add(new GenreWorld.Rating(prefix + "-e" + i, prefix + "-u" + (i % 10), prefix + "-i" + (i % 7), 1 + i % 5, t0.plusSeconds(i)));
        }
        return events;
    }

    /** The batch's items in the catalogue: events for items that are not create no statistics. */
    private void catalogue(String prefix) {
        com.fasterxml.jackson.databind.node.ObjectNode body = ApiClient.object();
        var items = body.putArray("items");
        for (int i = 0; i < 7; i++) {
            var item = items.addObject();
            item.put("itemId", prefix + "-i" + i);
            item.putObject("attributes").putArray("genre").add("Comedy");
        }
        api.ok("/ingest", body, ApiClient.ADMIN);
    }

    @Test
    void serialRedeliveries_storeAndCountEveryEventOnce() {
        List<GenreWorld.Rating> events = batch("serial");
        catalogue("serial");
        long stored = 0, duplicates = 0;
        long start = System.nanoTime();
        for (int d = 0; d < DELIVERIES; d++) {
            JsonNode r = api.ok("/ingest", ApiClient.ratings(events), ApiClient.ADMIN);
            stored += r.path("eventsStored").asLong();
            duplicates += r.path("eventsDuplicate").asLong();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertExactlyOnce(events, stored, duplicates);
        System.out.printf("[figure] serial redelivery: %d deliveries of %d events (%d event deliveries) in %.1f s: stored %d, duplicates %d%n",
                DELIVERIES, EVENTS, DELIVERIES * EVENTS, seconds, stored, duplicates);
    }

    @Test
    void concurrentRedeliveries_from16Threads_storeAndCountEveryEventOnce() throws Exception {
        List<GenreWorld.Rating> events = batch("concurrent");
        catalogue("concurrent");
        AtomicLong stored = new AtomicLong(), duplicates = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int d = 0; d < DELIVERIES; d++) {
            futures.add(pool.submit(() -> {
                JsonNode r = api.ok("/ingest", ApiClient.ratings(events), ApiClient.ADMIN);
                stored.addAndGet(r.path("eventsStored").asLong());
                duplicates.addAndGet(r.path("eventsDuplicate").asLong());
            }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertExactlyOnce(events, stored.get(), duplicates.get());
        System.out.printf("[figure] concurrent redelivery (16 threads, 2 environments): %d event deliveries in %.1f s: stored %d, duplicates %d%n",
                DELIVERIES * EVENTS, seconds, stored.get(), duplicates.get());
    }

    private void assertExactlyOnce(List<GenreWorld.Rating> events, long stored, long duplicates) {
        assertEquals(EVENTS, stored, "each event newly stored exactly once over all deliveries");
        assertEquals((long) EVENTS * (DELIVERIES - 1), duplicates);
        Map<String, Long> perUser = new HashMap<>(), perItem = new HashMap<>();
        java.util.Set<String> pairs = new java.util.HashSet<>();
        events.forEach(e -> {
            perUser.merge(e.userId(), 1L, Long::sum);
            // An item counts each user once (their latest event), however many events they sent for it.
            if (pairs.add(e.userId() + "/" + e.itemId())) perItem.merge(e.itemId(), 1L, Long::sum);
        });
        perUser.forEach((user, n) -> assertEquals(n, stores.events().count(user), "events of " + user));
        perItem.forEach((item, n) -> assertEquals(n, stores.itemStats().find(item).orElseThrow().count(), "count of " + item));
    }
}
