package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.port.EventStore;
import dev.metarec.port.FastWeightStore;
import dev.metarec.port.ItemStatsStore.ItemStats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 11 over the services and in-memory ports (the storage-level behaviour runs again on dynalite in
 * integration-tests): shilling, quotas, unknown items, the serving window, paged erasure, the erase tombstone
 * and user ids kept out of logs and messages.
 */
class SecurityServicesTest {
    static Fixture f;

    @BeforeAll
    static void train() {
        f = new Fixture(80).trained();
        f.ports.profiles.upsert(new dev.metarec.model.UserProfile("observer", f.data.users().get(0).attributes()));
    }

    private static IngestCommand.RawEvent rating(String id, String user, String item, double v, Instant at) {
        return new IngestCommand.RawEvent(id, user, item, "rating", v, Long.toString(at.toEpochMilli()));
    }

    private static IngestCommand batch(List<IngestCommand.RawEvent> events) { return IngestCommand.of(events, null, null, Limits.DEFAULT, Fixture.NOW); }

    private static double scoreFor(String user, String item) {
        return f.recommend.recommend(RecommendCommand.of(user, 1, List.of(item), null, null, null, 0.0, Limits.DEFAULT), Fixture.NOW).items().get(0).score();
    }

    private static ItemStats stats(String item) { return f.ports.stats.find(item).orElse(ItemStats.empty(item)); }

    /** Sends {@code n} ratings of {@code value} for {@code item} from {@code user}, later ones later, in batches of 500. */
    private static void flood(String user, String item, int n, double value, int offsetSeconds) {
        List<IngestCommand.RawEvent> all = new ArrayList<>();
        for (int i = 0; i < n; i++) all.add(rating(user + "-" + item + "-" + value + "-" + i, user, item, value, Fixture.NOW.minusSeconds(5000 - offsetSeconds - i)));
        for (int from = 0; from < n; from += 500) f.ingest.ingest(batch(all.subList(from, Math.min(n, from + 500))), Fixture.NOW);
    }

    @Test
    void shilling_thousandEventsFromOneUser_shouldMoveAnItemForOthers_noMoreThanOneEventDoes() {
        String item = "i5";
        double s0 = scoreFor("observer", item);
        long c0 = stats(item).count();

        flood("mallory", item, 1, 5.0, 0);
        double one = scoreFor("observer", item) - s0;
        flood("mallory", item, 1000, 5.0, 10);
        double thousand = scoreFor("observer", item) - s0;

        assertEquals(c0 + 1, stats(item).count(), "one contribution per user and item");
        assertTrue(Math.abs(thousand) <= Math.abs(one) + 1e-9, "1,000 events moved the score by " + thousand + ", one event by " + one);

        flood("mallory", item, 1000, 0.0, 2000);   // now bury it: the latest rating replaces the earlier ones
        double buried = scoreFor("observer", item) - s0;
        assertEquals(c0 + 1, stats(item).count());
        double bound = ItemStatsLedger.DEFAULT_MAX_RESIDUAL / (c0 + 1 + f.settings.itemBiasShrinkage());
        assertTrue(Math.abs(buried) <= bound + 1e-9, "one user moves an item by at most " + bound + ", moved it by " + buried);
    }

    @Test
    void quota_shouldRefuseTheWholeBatch_writingNothing_andSpareAdmins() {
        IngestService limited = new IngestService(f.champion, f.ports.catalog, f.ports.profiles, f.catalogue, f.settings, f.ports.ledger(),
                f.ports.quota, new IngestPolicy(10, 5.0));
        List<IngestCommand.RawEvent> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) eight.add(rating("q-" + i, "quota-user", "i" + i, 4, Fixture.NOW));
        assertEquals(8, limited.ingest(batch(eight), Fixture.NOW).eventsStored());

        List<IngestCommand.RawEvent> five = new ArrayList<>();
        for (int i = 8; i < 13; i++) five.add(rating("q-" + i, "quota-user", "i" + i, 4, Fixture.NOW));
        IngestCommand withMore = IngestCommand.of(five, List.of(new IngestCommand.RawItem("quota-item", Map.of("genre", List.of("g1")), null)),
                List.of(new IngestCommand.RawProfile("quota-user", Map.of("age", List.of("30")))), Limits.DEFAULT, Fixture.NOW);
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> limited.ingest(withMore, Fixture.NOW));

        assertEquals("events", e.field());
        assertEquals("at most 10 events per user per UTC day", e.limit());
        long midnight = LocalDate.ofInstant(Fixture.NOW, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        assertEquals(midnight - Fixture.NOW.getEpochSecond(), e.retryAfterSeconds());
        assertEquals(8, f.ports.events.count("quota-user"), "no event of the refused batch was stored");
        assertTrue(f.ports.catalog.find("quota-item").isEmpty() && f.ports.profiles.find("quota-user").isEmpty(), "nor its item or profile");
        assertEquals(8, f.ports.quota.used("quota-user", LocalDate.ofInstant(Fixture.NOW, ZoneOffset.UTC)), "nothing reserved either");

        assertEquals(2, limited.ingest(batch(eight.subList(0, 2)), Fixture.NOW).eventsDuplicate(), "redeliveries within the quota");
        assertEquals(8, f.ports.quota.used("quota-user", LocalDate.ofInstant(Fixture.NOW, ZoneOffset.UTC)), "redeliveries are given back");
        assertEquals(5, limited.ingest(withMore, Fixture.NOW, true).eventsStored(), "an admin's bulk import is not counted");
    }

    @Test
    void anEventForAnItemNotInTheCatalogue_shouldBeStored_butCreateNoStatistics() {
        assertEquals(1, f.ingest.ingest(batch(List.of(rating("made-up-1", "inventor", "no-such-item-77", 5, Fixture.NOW))), Fixture.NOW).eventsStored());

        assertTrue(f.ports.stats.find("no-such-item-77").isEmpty(), "no statistics row for an item id the client made up");
        assertEquals(1, f.ports.events.count("inventor"), "the event is the user's history");
        assertEquals(Boolean.TRUE, f.ports.events.state.get("inventor/made-up-1")[0], "and it is settled: no repair will retry it");
        f.ingest.repairStats(Fixture.NOW.plus(Duration.ofHours(1)));
        assertTrue(f.ports.stats.find("no-such-item-77").isEmpty());
    }

    @Test
    void serving_shouldNeverCountAUsersWholeHistory_yetSeeEveryNewerEvent() {
        ServiceSettings window = new ServiceSettings(5, 50, 0.95, 10.0, 5, 60, "genre", Duration.ZERO, Duration.ZERO, 3.5, 4.0, 5.0, 4.0, 3, 20_000, 1_000);
        EventStore noCount = new DelegatingEvents(f.ports.events) {
            @Override public long count(String userId) { throw new AssertionError("serving counted the user's whole partition"); }
        };
        AdaptService adapt = new AdaptService(f.champion, f.catalogue, noCount, f.ports.profiles, f.ports.fast, f.fastCodec, window);
        RecommendService recommend = new RecommendService(f.champion, f.catalogue, noCount, f.ports.profiles, f.ports.fast, f.fastCodec, adapt,
                window, () -> "r");
        for (int i = 0; i < 70; i++) f.ports.events.append(new Event("h-" + i, "heavy", "i" + (i % 40), EventType.RATING, 4.0, Fixture.NOW.minusSeconds(500 - i)), Fixture.NOW);
        RecommendCommand cmd = RecommendCommand.of("heavy", 5, null, null, null, null, 0.0, Limits.DEFAULT);

        assertEquals(Recommendation.Mode.ADAPTED, recommend.recommend(cmd, Fixture.NOW).mode());
        assertEquals(Recommendation.Mode.STORED, recommend.recommend(cmd, Fixture.NOW).mode(), "nothing new: the stored weights are fresh");
        f.ports.events.append(new Event("h-new", "heavy", "i41", EventType.RATING, 2.0, Fixture.NOW.minusSeconds(10)), Fixture.NOW);
        assertEquals(Recommendation.Mode.ADAPTED, recommend.recommend(cmd, Fixture.NOW).mode(), "a newer event makes them stale");
    }

    @Test
    void erase_ofAHeavyUser_shouldRemoveProfileAndWeightsFirst_thenPageEvents_andTakeBackTheirStatistics() {
        String user = "heavy-eraser";
        Map<String, ItemStats> before = new java.util.HashMap<>();
        for (int i = 0; i < 60; i++) before.put("i" + i, stats("i" + i));
        List<IngestCommand.RawEvent> events = new ArrayList<>();
        for (int i = 0; i < 120; i++) events.add(rating("he-" + i, user, "i" + (i % 60), i % 5, Fixture.NOW.minusSeconds(1000 - i)));
        f.ingest.ingest(batch(events), Fixture.NOW);
        f.ports.profiles.upsert(new dev.metarec.model.UserProfile(user, dev.metarec.model.Attributes.of("age", "30")));
        f.recommend.recommend(RecommendCommand.of(user, 3, null, null, null, null, 0.0, Limits.DEFAULT), Fixture.NOW);
        assertTrue(f.ports.fast.find(user).isPresent());
        EraseService paged = new EraseService(f.ports.events, f.ports.profiles, f.ports.fast, f.ports.ledger(), f.ports.erasures,
                new EraseService.Settings(Duration.ofSeconds(20), 50, Duration.ofSeconds(30)), f.clock);

        EraseService.Result first = paged.erase(user);

        assertFalse(first.complete(), "partial: call again");
        assertEquals(50, first.eventsRemoved());
        assertTrue(first.profileRemoved() && first.fastWeightsRemoved(), "profile and fast weights go first");
        assertTrue(f.ports.profiles.find(user).isEmpty() && f.ports.fast.find(user).isEmpty());
        int calls = 1, removed = first.eventsRemoved(), retracted = first.contributionsRetracted();
        for (EraseService.Result r = first; !r.complete(); calls++) {
            assertTrue(calls < 10, "an erase finishes in a bounded number of calls");
            r = paged.erase(user);
            removed += r.eventsRemoved();
            retracted += r.contributionsRetracted();
        }
        assertEquals(120, removed);
        assertEquals(60, retracted, "one contribution per item the user rated");
        assertEquals(0, f.ports.events.count(user));
        assertTrue(f.ports.contributions.ofUser(user, 1).isEmpty());
        for (int i = 0; i < 60; i++) {
            ItemStats was = before.get("i" + i), now = stats("i" + i);
            assertEquals(was.count(), now.count(), "i" + i);
            assertEquals(was.positives(), now.positives(), "i" + i);
            assertEquals(was.residualSum(), now.residualSum(), 1e-9, "i" + i);
        }
        assertTrue(f.ports.erasures.erasedSince(Fixture.NOW.minusSeconds(1)).contains(dev.metarec.port.ErasureLog.fingerprint(user)));
    }

    @Test
    void anAdaptRacingAnErase_shouldNotRecreateFastWeightsFromErasedEvents() {
        String user = "racer";
        for (int i = 0; i < 6; i++) f.ports.events.append(new Event("r-" + i, user, "i" + i, EventType.RATING, 5.0, Fixture.NOW.minusSeconds(60 - i)), Fixture.NOW);
        // The adapt has read the user's events; the erase runs before the adapt writes its weights.
        FastWeightStore racing = new DelegatingFast(f.ports.fast) {
            boolean erased;
            @Override public Optional<StoredFastWeights> find(String userId) {
                if (!erased) { erased = true; assertTrue(f.erase.erase(user).complete()); }
                return super.find(userId);
            }
        };
        AdaptService adapt = new AdaptService(f.champion, f.catalogue, f.ports.events, f.ports.profiles, racing, f.fastCodec, f.settings);

        AdaptService.Outcome o = adapt.adapt(user, Fixture.NOW);

        assertFalse(o.stored(), "the weights of erased events are served at most, never stored");
        assertTrue(f.ports.fast.find(user).isEmpty(), "no fast weights after the erase");
        assertEquals(0, f.ports.events.count(user));
    }

    @Test
    void userIds_shouldStayOutOfLogsAndConflictMessages() {
        String user = "user-id-that-must-not-be-logged";
        for (int i = 0; i < 20; i++)
            f.ports.events.append(new Event("x-" + i, user, "i" + i, EventType.RATING, i % 2 == 0 ? 1e6 : -1e6, Fixture.NOW.plusSeconds(i)), Fixture.NOW);
        Logger log = Logger.getLogger(AdaptService.class.getName());
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) { lines.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters())); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        log.addHandler(capture);
        try {
            assertTrue(f.adapt.adapt(user, Fixture.NOW).fellBackToPrior());
        } finally {
            log.removeHandler(capture);
        }
        assertFalse(lines.isEmpty(), "the fallback is logged");
        lines.forEach(l -> assertFalse(l.contains(user), l));

        FastWeightStore alwaysLost = new DelegatingFast(f.ports.fast) {
            @Override public boolean put(StoredFastWeights r, long expected) { return false; }
        };
        for (int i = 0; i < 3; i++) f.ports.events.append(new Event("c-" + i, "conflicted-user", "i" + i, EventType.RATING, 4.0, Fixture.NOW), Fixture.NOW);
        AdaptService adapt = new AdaptService(f.champion, f.catalogue, f.ports.events, f.ports.profiles, alwaysLost, f.fastCodec, f.settings);
        dev.metarec.port.ConflictException conflict = assertThrows(dev.metarec.port.ConflictException.class, () -> adapt.adapt("conflicted-user", Fixture.NOW));
        assertFalse(conflict.getMessage().contains("conflicted-user"), conflict.getMessage());
    }

    /** An event store that forwards every call (tests override what they watch). */
    static class DelegatingEvents implements EventStore {
        final EventStore d;

        DelegatingEvents(EventStore d) { this.d = d; }

        @Override public Appended appendTracked(Event e, Instant now) { return d.appendTracked(e, now); }
        @Override public Optional<String> claimStats(String u, String e, Instant now, Duration lease) { return d.claimStats(u, e, now, lease); }
        @Override public void markStatsApplied(String u, String e) { d.markStatsApplied(u, e); }
        @Override public List<Event> recent(String u, int limit) { return d.recent(u, limit); }
        @Override public long count(String u) { return d.count(u); }
        @Override public void forEach(java.util.function.Consumer<Event> c) { d.forEach(c); }
        @Override public void forEachUnappliedStats(Instant t, java.util.function.Consumer<Event> c) { d.forEachUnappliedStats(t, c); }
        @Override public void forEachUnappliedStatsToken(java.util.function.Consumer<String> c) { d.forEachUnappliedStatsToken(c); }
        @Override public int eraseUser(String u) { return d.eraseUser(u); }
        @Override public ErasedPage eraseUserPage(String u, int max) { return d.eraseUserPage(u, max); }
    }

    /** A fast-weight store that forwards every call. */
    static class DelegatingFast implements FastWeightStore {
        final FastWeightStore d;

        DelegatingFast(FastWeightStore d) { this.d = d; }

        @Override public Optional<StoredFastWeights> find(String userId) { return d.find(userId); }
        @Override public boolean put(StoredFastWeights r, long expected) { return d.put(r, expected); }
        @Override public boolean delete(String userId) { return d.delete(userId); }
        @Override public boolean tombstone(String userId, Instant until) { return d.tombstone(userId, until); }
    }
}
