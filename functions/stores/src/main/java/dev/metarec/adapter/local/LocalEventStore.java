package dev.metarec.adapter.local;

import dev.metarec.model.Event;
import dev.metarec.port.EventStore;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Events keyed by (userId, eventId); the key is the idempotency record ({@code putIfAbsent}). */
public final class LocalEventStore implements EventStore {
    private static final Comparator<Event> NEWEST_FIRST =
            Comparator.comparing(Event::timestamp).reversed().thenComparing(Event::eventId);
    private final LocalDatabase db;
    private final MVMap<String, byte[]> events;

    public LocalEventStore(LocalDatabase db) {
        this.db = db;
        this.events = db.map("events");
    }

    @Override
    public boolean append(Event event, Instant now) {
        boolean stored = events.putIfAbsent(Keys.compose(event.userId(), event.eventId()), Records.event(event)) == null;
        if (stored) db.commit();
        return stored;
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
    public int eraseUser(String userId) {
        List<String> keys = new ArrayList<>();
        forEachOfUser(userId, (k, v) -> keys.add(k));
        for (String k : keys) events.remove(k);
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
