package dev.metarec.adapter.local;

import dev.metarec.model.Event;
import dev.metarec.port.EventStore;
import dev.metarec.port.StatsTokens;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Events keyed by (userId, eventId); the key is the idempotency record ({@code putIfAbsent}). Each event's
 * item-statistics state (applied flag, claim time, token) lives in a second map under the same key, written
 * in the same commit as the event; an event without one predates the tracking and counts as applied.
 */
public final class LocalEventStore implements EventStore {
    private static final Comparator<Event> NEWEST_FIRST =
            Comparator.comparing(Event::timestamp).reversed().thenComparing(Event::eventId);
    private final LocalDatabase db;
    private final MVMap<String, byte[]> events;
    private final MVMap<String, byte[]> statsState;

    public LocalEventStore(LocalDatabase db) {
        this.db = db;
        this.events = db.map("events");
        this.statsState = db.map("eventStatsState");
    }

    /** The statistics state of one event: applied flag, last claim (epoch ms), token. */
    private record State(boolean applied, long claimAt, String token) {
        byte[] encode() {
            byte[] t = token.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(9 + t.length).put((byte) (applied ? 1 : 0)).putLong(claimAt).put(t).array();
        }

        static State decode(byte[] b) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            boolean applied = buf.get() == 1;
            long claimAt = buf.getLong();
            return new State(applied, claimAt, new String(b, 9, b.length - 9, StandardCharsets.UTF_8));
        }
    }

    @Override
    public synchronized Appended appendTracked(Event event, Instant now) {
        String key = Keys.compose(event.userId(), event.eventId());
        byte[] old = events.putIfAbsent(key, Records.event(event));
        if (old == null) {
            State s = new State(false, now.toEpochMilli(), StatsTokens.next(now));
            statsState.put(key, s.encode());
            db.commit();
            return new Appended(true, event, false, s.token());
        }
        byte[] st = statsState.get(key);
        State s = st == null ? null : State.decode(st);
        return new Appended(false, Records.event(old), s == null || s.applied(), s == null ? null : s.token());
    }

    @Override
    public synchronized Optional<String> claimStats(String userId, String eventId, Instant now, Duration lease) {
        String key = Keys.compose(userId, eventId);
        byte[] st = statsState.get(key);
        if (st == null || !events.containsKey(key)) return Optional.empty();
        State s = State.decode(st);
        if (s.applied() || s.claimAt() > now.minus(lease).toEpochMilli()) return Optional.empty();
        statsState.put(key, new State(false, now.toEpochMilli(), s.token()).encode());
        db.commit();
        return Optional.of(s.token());
    }

    @Override
    public synchronized void markStatsApplied(String userId, String eventId) {
        String key = Keys.compose(userId, eventId);
        byte[] st = statsState.get(key);
        if (st == null || !events.containsKey(key)) return;
        State s = State.decode(st);
        statsState.put(key, new State(true, s.claimAt(), s.token()).encode());
        db.commit();
    }

    @Override
    public List<Event> recent(String userId, int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        List<Event> all = new ArrayList<>();
        forEachOfUser(userId, (k, v) -> all.add(Records.event(v)));
        all.sort(NEWEST_FIRST);
        return all.size() <= limit ? all : List.copyOf(all.subList(0, limit));
    }

    @Override
    public long count(String userId) {
        long[] n = {0};
        forEachOfUser(userId, (k, v) -> n[0]++);
        return n[0];
    }

    @Override
    public void forEach(Consumer<Event> consumer) {
        for (Map.Entry<String, byte[]> e : events.entrySet()) consumer.accept(Records.event(e.getValue()));
    }

    @Override
    public void forEachUnappliedStats(Instant claimedAtOrBefore, Consumer<Event> consumer) {
        long cutoff = claimedAtOrBefore.toEpochMilli();
        for (Map.Entry<String, byte[]> e : statsState.entrySet()) {
            State s = State.decode(e.getValue());
            if (s.applied() || s.claimAt() > cutoff) continue;
            byte[] event = events.get(e.getKey());
            if (event != null) consumer.accept(Records.event(event));
        }
    }

    @Override
    public void forEachUnappliedStatsToken(Consumer<String> consumer) {
        for (Map.Entry<String, byte[]> e : statsState.entrySet()) {
            State s = State.decode(e.getValue());
            if (!s.applied() && events.containsKey(e.getKey())) consumer.accept(s.token());
        }
    }

    @Override
    public synchronized ErasedPage eraseUserPage(String userId, int max) {
        if (max < 1) throw new IllegalArgumentException("max must be >= 1, was " + max);
        List<String> keys = new ArrayList<>();
        forEachOfUser(userId, (k, v) -> { if (keys.size() <= max) keys.add(k); });
        boolean more = keys.size() > max;
        if (more) keys.remove(keys.size() - 1);
        for (String k : keys) {
            events.remove(k);
            statsState.remove(k);
        }
        if (!keys.isEmpty()) db.commit();
        return new ErasedPage(keys.size(), more);
    }

    @Override
    public synchronized int eraseUser(String userId) {
        List<String> keys = new ArrayList<>();
        forEachOfUser(userId, (k, v) -> keys.add(k));
        for (String k : keys) {
            events.remove(k);
            statsState.remove(k);
        }
        if (!keys.isEmpty()) db.commit();
        return keys.size();
    }

    private void forEachOfUser(String userId, java.util.function.BiConsumer<String, byte[]> visitor) {
        String to = Keys.to(userId);
        Cursor<String, byte[]> c = events.cursor(Keys.from(userId));
        while (c.hasNext()) {
            String k = c.next();
            if (k.compareTo(to) >= 0) break;
            visitor.accept(k, c.getValue());
        }
    }
}
