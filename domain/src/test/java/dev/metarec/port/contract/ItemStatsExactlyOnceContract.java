package dev.metarec.port.contract;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.port.EventStore;
import dev.metarec.port.ItemContributionStore;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.ItemStatsStore.ItemStats;
import dev.metarec.service.ItemStatsLedger;
import dev.metarec.service.ItemStatsLedger.Contribution;
import dev.metarec.service.ItemStatsLedger.Step;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Item statistics exactly once over a real {@link EventStore} and {@link ItemStatsStore} of one adapter:
 * a crash injected after each write step of {@link ItemStatsLedger}, then redeliveries, must leave every
 * count exactly right (never lost once repaired, never doubled).
 */
public abstract class ItemStatsExactlyOnceContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    protected static final Duration LEASE = Duration.ofSeconds(30);
    private static final Contribution LIKED = new Contribution(0.5, true);

    /** An event store, an item-statistics store and a contribution store of one adapter, fresh and empty. */
    public record Stores(EventStore events, ItemStatsStore stats, ItemContributionStore contributions) {}

    protected abstract Stores createStores() throws Exception;

    private Stores stores;

    @BeforeEach
    void setUp() throws Exception { stores = createStores(); }

    private static Event event(String id, String user, String item) {
        return new Event(id, user, item, EventType.RATING, 5.0, T0);
    }

    private ItemStatsLedger ledger(ItemStatsLedger.Hook hook) {
        return new ItemStatsLedger(stores.events(), stores.stats(), stores.contributions(), LEASE, hook);
    }

    /** Steps before the counters change: a crash there leaves the count at 0. */
    private static boolean beforeTheCounters(Step step) { return step.compareTo(Step.STATS_ADDED) < 0; }

    private long count(String item) { return stores.stats().find(item).map(ItemStats::count).orElse(0L); }

    @Test
    void aCrashAfterAnyStep_thenRedelivery_shouldCountExactlyOnce() {
        for (Step crashAt : Step.values()) {
            String item = "item-" + crashAt;
            Event e = event("e-" + crashAt, "u-" + crashAt, item);
            ItemStatsLedger crashing = ledger((step, ev) -> { if (step == crashAt) throw new IllegalStateException("crash after " + step); });
            assertThrows(IllegalStateException.class, () -> crashing.record(e, T0, ev -> LIKED));
            long afterCrash = count(item);
            assertEquals(beforeTheCounters(crashAt) ? 0 : 1, afterCrash, "after a crash at " + crashAt);

            ItemStatsLedger healthy = ledger(ItemStatsLedger.Hook.NONE);
            var early = healthy.record(e, T0.plusSeconds(5), ev -> LIKED);
            assertFalse(early.stored());
            assertEquals(afterCrash, count(item), "within the lease a redelivery leaves the running delivery alone (" + crashAt + ")");

            healthy.record(e, T0.plus(LEASE).plusSeconds(1), ev -> LIKED);
            assertEquals(1, count(item), "a redelivery after the lease repairs, never doubles (" + crashAt + ")");
            ItemStats s = stores.stats().find(item).orElseThrow();
            assertEquals(0.5, s.residualSum(), 1e-12);
            assertEquals(1, s.positives());
            for (int i = 2; i < 5; i++) healthy.record(e, T0.plus(LEASE.multipliedBy(i)), ev -> LIKED);
            assertEquals(1, count(item), "further redeliveries change nothing (" + crashAt + ")");
            assertEquals(1, stores.events().count("u-" + crashAt), "stored once (" + crashAt + ")");
            if (crashAt != Step.EVENT_MARKED) assertTrue(stores.stats().pending(item).isEmpty(), "the token is settled (" + crashAt + ")");
        }
    }

    @Test
    void aCrashedDeliveryNeverRedeliveredAfterItsLease_shouldBeCountedOnceByTheRepair() {
        for (Step crashAt : Step.values()) {
            String item = "rep-" + crashAt;
            Event e = event("r-" + crashAt, "ur-" + crashAt, item);
            ItemStatsLedger crashing = ledger((step, ev) -> { if (step == crashAt) throw new IllegalStateException("crash after " + step); });
            assertThrows(IllegalStateException.class, () -> crashing.record(e, T0, ev -> LIKED));
            ItemStatsLedger healthy = ledger(ItemStatsLedger.Hook.NONE);
            healthy.record(e, T0.plusSeconds(5), ev -> LIKED);   // the client's quick retry: told "duplicate", repairs nothing
            assertEquals(0, healthy.repair(T0.plusSeconds(10), ev -> LIKED), "within the lease the repair leaves the delivery alone (" + crashAt + ")");
            assertEquals(beforeTheCounters(crashAt) ? 0 : 1, count(item), "before the repair (" + crashAt + ")");

            int added = healthy.repair(T0.plus(LEASE).plusSeconds(1), ev -> LIKED);
            assertEquals(beforeTheCounters(crashAt) ? 1 : 0, added, "the repair adds only what is missing (" + crashAt + ")");
            assertEquals(1, count(item), "counted exactly once after the repair (" + crashAt + ")");
            assertEquals(0, healthy.repair(T0.plus(LEASE.multipliedBy(3)), ev -> LIKED), "a second repair finds nothing (" + crashAt + ")");
            assertEquals(1, count(item));
            healthy.record(e, T0.plus(LEASE.multipliedBy(4)), ev -> LIKED);
            assertEquals(1, count(item), "a late redelivery after the repair changes nothing (" + crashAt + ")");
        }
        List<Event> listed = new ArrayList<>();
        stores.events().forEachUnappliedStats(T0.plus(LEASE.multipliedBy(10)), listed::add);
        assertEquals(List.of(), listed, "every event's statistics are applied");
    }

    @Test
    void forEachUnappliedStats_shouldListOnlyUnappliedEventsWhoseClaimLapsed() {
        ItemStatsLedger crashing = ledger((step, ev) -> { if (step == Step.EVENT_STORED) throw new IllegalStateException("crash"); });
        assertThrows(IllegalStateException.class, () -> crashing.record(event("old", "ul", "il"), T0, ev -> LIKED));
        assertThrows(IllegalStateException.class, () -> crashing.record(event("new", "ul", "il"), T0.plusSeconds(20), ev -> LIKED));
        ledger(ItemStatsLedger.Hook.NONE).record(event("done", "ul", "il"), T0, ev -> LIKED);
        List<String> listed = new ArrayList<>();
        stores.events().forEachUnappliedStats(T0.plusSeconds(10), ev -> listed.add(ev.eventId()));
        assertEquals(List.of("old"), listed);
        listed.clear();
        stores.events().forEachUnappliedStats(T0.plusSeconds(20), ev -> listed.add(ev.eventId()));
        listed.sort(null);
        assertEquals(List.of("new", "old"), listed, "a claim at the cut-off counts as lapsed");
    }

    @Test
    void aNormalDelivery_shouldCountOnce_settleItsToken_andIgnoreRedeliveries() {
        ItemStatsLedger l = ledger(ItemStatsLedger.Hook.NONE);
        AtomicInteger evaluated = new AtomicInteger();
        assertTrue(l.record(event("n1", "u1", "i1"), T0, ev -> { evaluated.incrementAndGet(); return LIKED; }).statsAdded());
        assertFalse(l.record(event("n1", "u1", "i1"), T0.plus(LEASE.multipliedBy(3)), ev -> { evaluated.incrementAndGet(); return LIKED; }).statsAdded());
        assertEquals(1, count("i1"));
        assertEquals(1, evaluated.get(), "an applied event's contribution is not even computed again");
        assertTrue(stores.stats().pending("i1").isEmpty());
    }

    @Test
    void concurrentRedeliveriesOfCrashedEvents_shouldCountEachExactlyOnce() throws Exception {
        ItemStatsLedger crashing = ledger((step, ev) -> { if (step == Step.EVENT_STORED) throw new IllegalStateException("crash"); });
        for (int i = 0; i < 12; i++) {
            Event e = event("c" + i, "u2-" + i, "hot");   // twelve users: one contribution each
            assertThrows(IllegalStateException.class, () -> crashing.record(e, T0, ev -> LIKED));
        }
        ItemStatsLedger healthy = ledger(ItemStatsLedger.Hook.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 6; t++) futures.add(pool.submit(() -> {
            for (int i = 0; i < 12; i++) healthy.record(event("c" + i, "u2-" + i, "hot"), T0.plus(LEASE).plusSeconds(1), ev -> LIKED);
        }));
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        assertEquals(12, count("hot"));
        assertTrue(stores.stats().pending("hot").isEmpty());
    }

    @Test
    void aReplayAfterAFullErase_shouldCountAgain_once() {
        ItemStatsLedger l = ledger(ItemStatsLedger.Hook.NONE);
        l.record(event("r1", "u3", "i3"), T0, ev -> LIKED);
        stores.events().eraseUser("u3");
        assertEquals(1, l.retract("u3", 10, T0).removed(), "the erase takes the contribution back");
        assertEquals(0, count("i3"));
        assertTrue(l.record(event("r1", "u3", "i3"), T0, ev -> LIKED).statsAdded(), "a new incarnation of the event has a new token");
        assertEquals(1, count("i3"));
    }
}
