package dev.metarec.port.contract;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.port.ChampionPointer;
import dev.metarec.port.ErasureLog;
import dev.metarec.port.EventQuota;
import dev.metarec.port.EventStore;
import dev.metarec.port.FastWeightStore;
import dev.metarec.port.FastWeightStore.StoredFastWeights;
import dev.metarec.port.ItemContributionStore;
import dev.metarec.port.ItemContributionStore.Change;
import dev.metarec.port.ItemContributionStore.Contribution;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.ItemStatsStore.ItemStats;
import dev.metarec.port.StatsTokens;
import dev.metarec.rank.Recency;
import dev.metarec.service.ItemStatsLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 11 on one adapter's real stores (the embedded store, and DynamoDB/S3 on dynalite/s3proxy): one contribution
 * per (user, item) however many events, the daily quota under concurrency, paged erasure that keeps the user's other
 * records, erase tombstones, the erasure log, stray pending tokens removed by the repair, and the champion
 * pointer's recorded digest.
 */
public abstract class SecurityPortsContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    /** One adapter's stores, fresh and empty. */
    public record Stores(EventStore events, ItemStatsStore stats, ItemContributionStore contributions, EventQuota quota,
                         ErasureLog erasures, FastWeightStore fastWeights, ChampionPointer pointer) {}

    protected abstract Stores createStores() throws Exception;

    protected Stores s;

    @BeforeEach
    void setUp() throws Exception { s = createStores(); }

    private ItemStatsLedger ledger() { return new ItemStatsLedger(s.events(), s.stats(), s.contributions(), LEASE, ItemStatsLedger.Hook.NONE); }

    private static Event rating(String id, String user, String item, double v, Instant at) { return new Event(id, user, item, EventType.RATING, v, at); }

    private ItemStats stats(String item) { return s.stats().find(item).orElse(ItemStats.empty(item)); }

    @Test
    void aLike_shouldAddItsRecencyWeight_andALaterChangeOfMindOrAnEraseShouldTakeItBack() {
        ItemStatsLedger l = ledger();
        Instant later = T0.plus(Recency.HALF_LIFE);
        l.record(rating("a1", "ann", "film", 5.0, T0), T0, e -> new ItemStatsLedger.Contribution(0, true));
        l.record(rating("b1", "bob", "film", 4.0, later), later, e -> new ItemStatsLedger.Contribution(0, true));
        assertEquals(Recency.weight(T0) * 3, stats("film").recentPositives(), 1e-9 * Recency.weight(T0), "a like a half-life later weighs twice");
        assertEquals(1.5, Recency.asOf(stats("film").recentPositives(), later), 1e-9, "read then: 1 + 1/2");
        l.record(rating("a2", "ann", "film", 1.0, later.plusSeconds(1)), later.plusSeconds(1), e -> new ItemStatsLedger.Contribution(0, false));
        assertEquals(Recency.weight(later), stats("film").recentPositives(), 1e-9 * Recency.weight(T0), "ann no longer likes it: bob's like is left");
        l.record(rating("a3", "ann", "film", 5.0, later.plusSeconds(2)), later.plusSeconds(2), e -> new ItemStatsLedger.Contribution(0, true));
        assertEquals(2, Recency.asOf(stats("film").recentPositives(), later), 1e-6, "ann likes it again, now");
        l.retract("bob", 10, later.plusSeconds(3));
        assertEquals(1, Recency.asOf(stats("film").recentPositives(), later), 1e-6, "bob erased: his like is gone from the sum too");
        assertEquals(1, stats("film").positives());
    }

    @Test
    void oneUsersManyEvents_shouldCountOnce_withTheLatestResidual() {
        ItemStatsLedger l = ledger();
        l.record(rating("other", "honest", "target", 3.0, T0), T0, e -> new ItemStatsLedger.Contribution(0.25, false));
        for (int i = 0; i < 200; i++) {
            double residual = i == 199 ? -1.5 : 4.0;
            l.record(rating("shill-" + i, "mallory", "target", 5.0, T0.plusSeconds(i)), T0.plusSeconds(i), e -> new ItemStatsLedger.Contribution(residual, true));
        }
        ItemStats st = stats("target");
        assertEquals(2, st.count(), "one contribution each from honest and mallory");
        assertEquals(0.25 - 1.5, st.residualSum(), 1e-9, "mallory's latest event replaced the earlier ones");
        assertEquals(1, st.positives());
        l.record(rating("late-old", "mallory", "target", 1.0, T0.minusSeconds(5)), T0.plusSeconds(2000), e -> new ItemStatsLedger.Contribution(-5, false));
        assertEquals(0.25 - 1.5, stats("target").residualSum(), 1e-9, "an event older than the contribution changes nothing");
        l.record(rating("huge", "mallory", "target", 5.0, T0.plusSeconds(3000)), T0.plusSeconds(3000), e -> new ItemStatsLedger.Contribution(1e9, true));
        assertEquals(0.25 + ItemStatsLedger.DEFAULT_MAX_RESIDUAL, stats("target").residualSum(), 1e-9, "one contribution's residual is bounded");
        assertTrue(s.stats().pending("target").isEmpty());
    }

    @Test
    void contributions_shouldMoveByCompareAndSet_andRoundTripAChangeInFlight() {
        Contribution c = new Contribution("u", "i", 1, T0, "tok", 1.25, true, false, new Change("tok", 1, 1.25, 1, 3.5, T0));
        assertTrue(s.contributions().put(c, 0));
        assertFalse(s.contributions().put(c, 0), "a second first write loses");
        assertEquals(c, s.contributions().find("u", "i").orElseThrow());
        List<Contribution> pending = new ArrayList<>();
        s.contributions().forEachPending(pending::add);
        assertEquals(List.of(c), pending);
        assertFalse(s.contributions().delete("u", "i", 2));
        assertTrue(s.contributions().put(c.next(null), 1));
        pending.clear();
        s.contributions().forEachPending(pending::add);
        assertEquals(List.of(), pending);
        assertEquals(1, s.contributions().ofUser("u", 10).size());
        assertTrue(s.contributions().delete("u", "i", 2));
        assertTrue(s.contributions().find("u", "i").isEmpty());
    }

    @Test
    void theQuota_shouldNeverBeExceeded_evenByConcurrentReservations() throws Exception {
        LocalDate day = LocalDate.of(2026, 1, 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger granted = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 40; t++) futures.add(pool.submit(() -> { if (s.quota().reserve("q", day, 7, 100, T0.plus(Duration.ofDays(2)))) granted.incrementAndGet(); }));
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        assertEquals(14, granted.get(), "14 x 7 = 98 fit under 100, a 15th would not");
        assertEquals(98, s.quota().used("q", day));
        s.quota().release("q", day, 7);
        assertTrue(s.quota().reserve("q", day, 9, 100, T0));
        assertFalse(s.quota().reserve("q", day, 1, 100, T0));
        assertEquals(0, s.quota().used("q", day.plusDays(1)), "a new day starts at zero");
    }

    @Test
    void erasePaging_shouldRemoveOnlyEvents_pageByPage_andKeepThemOutOfEveryEventRead() {
        ItemStatsLedger l = ledger();
        for (int i = 0; i < 25; i++) l.record(rating("e" + i, "big", "i" + (i % 5), 4.0, T0.plusSeconds(i)), T0, e -> new ItemStatsLedger.Contribution(0.5, true));
        assertTrue(s.quota().reserve("big", LocalDate.of(2026, 1, 1), 3, 10, T0.plus(Duration.ofDays(2))));
        assertEquals(25, s.events().count("big"), "contribution and quota records are not events");
        assertEquals(25, s.events().recent("big", 100).size());
        List<Event> all = new ArrayList<>();
        s.events().forEach(all::add);
        assertEquals(25, all.size());

        EventStore.ErasedPage first = s.events().eraseUserPage("big", 10);
        assertEquals(new EventStore.ErasedPage(10, true), first);
        assertEquals(new EventStore.ErasedPage(10, true), s.events().eraseUserPage("big", 10));
        assertEquals(new EventStore.ErasedPage(5, false), s.events().eraseUserPage("big", 10));
        assertEquals(0, s.events().count("big"));
        assertEquals(5, s.contributions().ofUser("big", 100).size(), "contributions are taken back by the ledger, not deleted with the events");
        assertEquals(3, s.quota().used("big", LocalDate.of(2026, 1, 1)), "an erase does not reset the quota");

        assertEquals(new EventStore.ErasedPage(5, false), l.retract("big", 100, T0.plusSeconds(100)));
        for (int i = 0; i < 5; i++) assertEquals(0, stats("i" + i).count(), "i" + i);
    }

    @Test
    void aTombstone_shouldRefuseFastWeightWritesUntilItsTime_andHideNothingElse() {
        StoredFastWeights w = new StoredFastWeights("t", "ckpt", 1, new byte[]{1}, T0);
        assertTrue(s.fastWeights().put(w, 0));
        assertTrue(s.fastWeights().tombstone("t", T0.plusSeconds(60)), "a record was there");
        assertTrue(s.fastWeights().find("t").isEmpty());
        assertThrows(FastWeightStore.ErasureInProgressException.class,
                () -> s.fastWeights().put(new StoredFastWeights("t", "ckpt", 1, new byte[]{2}, T0.plusSeconds(30)), 0));
        assertThrows(FastWeightStore.ErasureInProgressException.class,
                () -> s.fastWeights().put(new StoredFastWeights("t", "ckpt", 2, new byte[]{2}, T0.plusSeconds(30)), 1), "also over the erased version");
        assertTrue(s.fastWeights().find("t").isEmpty());
        assertTrue(s.fastWeights().put(new StoredFastWeights("t", "ckpt", 1, new byte[]{3}, T0.plusSeconds(61)), 0), "after its time, a new user starts fresh");
        assertArrayEquals(new byte[]{3}, s.fastWeights().find("t").orElseThrow().payload());
        assertFalse(s.fastWeights().tombstone("nobody", T0.plusSeconds(1)));
    }

    @Test
    void theErasureLog_shouldHoldFingerprints_notIds_listedFromATime() {
        s.erasures().record("alice@example.org", T0);
        s.erasures().record("bob", T0.plusSeconds(10));
        Set<String> since = s.erasures().erasedSince(T0.plusSeconds(5));
        assertEquals(Set.of(ErasureLog.fingerprint("bob")), since);
        assertEquals(Set.of(ErasureLog.fingerprint("alice@example.org"), ErasureLog.fingerprint("bob")), s.erasures().erasedSince(T0));
        assertEquals(64, ErasureLog.fingerprint("bob").length());
    }

    @Test
    void theRepair_shouldRemoveStrayTokens_olderThanTheLease_thatNothingHolds() {
        Instant old = T0.minus(Duration.ofHours(1));
        String stray = StatsTokens.next(old);
        String legacy = java.util.UUID.randomUUID().toString();
        String young = StatsTokens.next(T0.minusSeconds(5));
        s.stats().addOnce("item", stray, 1, 0.5, 1, 1.0);
        s.stats().addOnce("item", legacy, 1, 0.5, 1, 1.0);
        s.stats().addOnce("item", young, 1, 0.5, 1, 1.0);
        var inFlight = s.events().appendTracked(rating("unapplied", "u", "item", 4.0, old), old);   // a crashed delivery: its token stays
        s.stats().addOnce("item", inFlight.statsToken(), 1, 0.5, 1, 1.0);
        s.events().claimStats("u", "unapplied", T0, LEASE);   // claimed just now: the repair leaves it to its holder

        ledger().repair(T0, e -> new ItemStatsLedger.Contribution(0.5, true));

        assertEquals(Set.of(young, inFlight.statsToken()), s.stats().pending("item"), "the stray and the legacy tokens are gone");
        assertEquals(4, stats("item").count(), "removing a token never changes a count");
    }

    @Test
    void thePointer_shouldRecordTheDigestOfWhatItPromoted_forTheCurrentAndThePreviousChampion() {
        String a = "a".repeat(64), b = "b".repeat(64);
        assertTrue(s.pointer().moveCurrent(null, "ckpt-1", a));
        assertEquals(java.util.Optional.of(a), s.pointer().sha256("ckpt-1"));
        assertTrue(s.pointer().moveCurrent("ckpt-1", "ckpt-2", b));
        assertEquals(java.util.Optional.of(b), s.pointer().sha256("ckpt-2"));
        assertEquals(java.util.Optional.of(a), s.pointer().sha256("ckpt-1"), "the previous champion keeps its digest");
        assertTrue(s.pointer().sha256("ckpt-0").isEmpty());
        assertTrue(s.pointer().moveCurrent("ckpt-2", "ckpt-3"));
        assertTrue(s.pointer().sha256("ckpt-3").isEmpty(), "moved without a digest (as before digests)");
    }
}
