package dev.metarec.port.contract;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.port.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The behaviour every {@link EventStore} adapter must have. Subclasses create a fresh, empty store. */
public abstract class EventStoreContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    protected EventStore store;

    protected abstract EventStore createStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception { store = createStore(); }

    protected static Event event(String id, String user, String item, long secondsAfterT0) {
        return new Event(id, user, item, EventType.CLICK, null, T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void append_shouldStoreOnce_whenSameEventRedelivered() {
        assertTrue(store.append(event("e1", "u1", "i1", 1), T0));
        assertFalse(store.append(event("e1", "u1", "i1", 1), T0), "redelivery must be acknowledged as a duplicate");
        assertEquals(1, store.count("u1"));
    }

    @Test
    void append_shouldTreatSameEventIdOfDifferentUsersAsDifferent() {
        assertTrue(store.append(event("e1", "u1", "i1", 1), T0));
        assertTrue(store.append(event("e1", "u2", "i1", 1), T0));
        assertEquals(1, store.count("u1"));
        assertEquals(1, store.count("u2"));
    }

    @Test
    void recent_shouldReturnNewestFirst_andRespectLimit() {
        store.append(event("a", "u1", "i1", 10), T0);
        store.append(event("b", "u1", "i2", 30), T0);
        store.append(event("c", "u1", "i3", 20), T0);
        store.append(event("d", "u2", "i4", 40), T0);
        List<Event> recent = store.recent("u1", 2);
        assertEquals(List.of("b", "c"), recent.stream().map(Event::eventId).toList());
        assertEquals(3, store.recent("u1", 100).size());
        assertTrue(store.recent("nobody", 10).isEmpty());
    }

    @Test
    void recent_shouldRoundTripAllFields() {
        Event rating = new Event("r1", "u1", "i9", EventType.RATING, 4.5, T0.plusMillis(1234));
        store.append(rating, T0);
        assertEquals(rating, store.recent("u1", 1).get(0));
    }

    @Test
    void eraseUser_shouldRemoveEventsAndIdempotencyKeys_only_forThatUser() {
        store.append(event("e1", "u1", "i1", 1), T0);
        store.append(event("e2", "u1", "i2", 2), T0);
        store.append(event("e1", "u2", "i1", 1), T0);
        assertEquals(2, store.eraseUser("u1"));
        assertEquals(0, store.count("u1"));
        assertTrue(store.recent("u1", 10).isEmpty());
        assertEquals(1, store.count("u2"));
        assertTrue(store.append(event("e1", "u1", "i1", 1), T0), "an erased user's old event starts fresh");
        assertEquals(0, store.eraseUser("nobody"));
    }

    @Test
    void forEach_shouldVisitEveryStoredEventOnce() {
        for (int i = 0; i < 25; i++) store.append(event("e" + i, "u" + (i % 3), "i" + i, i), T0);
        Set<String> seen = new HashSet<>();
        store.forEach(e -> assertTrue(seen.add(e.userId() + "/" + e.eventId()), "visited twice: " + e));
        assertEquals(25, seen.size());
    }

    @Test
    void append_shouldStoreExactlyOnce_underConcurrentRedelivery() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger stored = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) futures.add(pool.submit(() -> {
            for (int i = 0; i < 20; i++) if (store.append(event("e" + i, "u1", "i" + i, i), T0)) stored.incrementAndGet();
        }));
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(20, stored.get());
        assertEquals(20, store.count("u1"));
    }

    @Test
    void appendTracked_shouldGiveANewEventAFreshUnappliedToken_andReportTheStoredStateOnRedelivery() {
        var first = store.appendTracked(event("t1", "u1", "i1", 1), T0);
        assertTrue(first.stored());
        assertFalse(first.statsApplied());
        assertNotNull(first.statsToken());
        var again = store.appendTracked(event("t1", "u1", "i-other", 1), T0);
        assertFalse(again.stored());
        assertFalse(again.statsApplied());
        assertEquals(first.statsToken(), again.statsToken());
        assertEquals("i1", again.event().itemId(), "the stored record, not the redelivered one");
        store.markStatsApplied("u1", "t1");
        assertTrue(store.appendTracked(event("t1", "u1", "i1", 1), T0).statsApplied());
        assertNotEquals(first.statsToken(), store.appendTracked(event("t2", "u1", "i1", 1), T0).statsToken());
    }

    @Test
    void claimStats_shouldSucceedOnlyAfterTheLease_onlyOnce_andNeverWhenApplied() {
        java.time.Duration lease = java.time.Duration.ofSeconds(30);
        String token = store.appendTracked(event("c1", "u1", "i1", 1), T0).statsToken();
        assertTrue(store.claimStats("u1", "c1", T0.plusSeconds(10), lease).isEmpty(), "the writer's claim is still live");
        assertEquals(token, store.claimStats("u1", "c1", T0.plusSeconds(31), lease).orElseThrow());
        assertTrue(store.claimStats("u1", "c1", T0.plusSeconds(32), lease).isEmpty(), "claimed again within the lease");
        assertEquals(token, store.claimStats("u1", "c1", T0.plusSeconds(62), lease).orElseThrow());
        store.markStatsApplied("u1", "c1");
        assertTrue(store.claimStats("u1", "c1", T0.plusSeconds(600), lease).isEmpty(), "applied events are never claimed");
        assertTrue(store.claimStats("u1", "missing", T0.plusSeconds(600), lease).isEmpty());
    }

    @Test
    void markStatsApplied_shouldNotResurrectAnErasedEvent() {
        store.append(event("m1", "u1", "i1", 1), T0);
        store.eraseUser("u1");
        store.markStatsApplied("u1", "m1");
        assertEquals(0, store.count("u1"));
        assertTrue(store.recent("u1", 10).isEmpty());
        var fresh = store.appendTracked(event("m1", "u1", "i1", 1), T0);
        assertTrue(fresh.stored());
        assertFalse(fresh.statsApplied(), "a replay after erase starts fresh");
    }
}
