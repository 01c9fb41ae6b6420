package dev.metarec.port;

import dev.metarec.model.Event;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The event log, also the idempotency record: one conditional single-item write per (userId, eventId),
 * so a redelivered event is acknowledged and has no second effect. {@code now} is the write time
 * (adapters may use it for a TTL).
 */
public interface EventStore {

    /** Stores the event unless one with the same (userId, eventId) exists. True when newly stored. */
    boolean append(Event event, Instant now);

    /** The user's most recent events by timestamp, newest first, at most {@code limit}. */
    List<Event> recent(String userId, int limit);

    /** Number of events stored for the user. */
    long count(String userId);

    /** Every stored event (meta-training); order unspecified. */
    void forEach(Consumer<Event> consumer);

    /** Removes all of the user's events and with them their idempotency keys. Returns how many. */
    int eraseUser(String userId);
}
