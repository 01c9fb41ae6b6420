package dev.metarec.port;

import dev.metarec.model.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The event log, also the idempotency record: one conditional single-item write per (userId, eventId),
 * so a redelivered event is acknowledged and has no second effect. {@code now} is the write time
 * (adapters may use it for a TTL).
 *
 * <p>Each stored event also carries the state of its item-statistics contribution (see
 * {@link dev.metarec.service.ItemStatsLedger}): a random {@code statsToken} fixed at the first write, a
 * {@code statsApplied} flag, and the time of the last claim on applying it. Together with
 * {@link ItemStatsStore#addOnce} this makes the statistics exactly-once with single-item conditional writes.
 */
public interface EventStore {

    /**
     * The outcome of {@link #appendTracked}: whether the event was stored now, the stored record (the first
     * delivery's), and its statistics state.
     */
    record Appended(boolean stored, Event event, boolean statsApplied, String statsToken) {}

    /** Stores the event unless one with the same (userId, eventId) exists. True when newly stored. */
    default boolean append(Event event, Instant now) { return appendTracked(event, now).stored(); }

    /**
     * Stores the event unless one with the same (userId, eventId) exists, as one conditional write. A newly
     * stored event gets a fresh random statistics token, {@code statsApplied = false} and a claim at {@code now}
     * (the writer is applying it). A duplicate reports the stored record and its state; a record written before
     * statistics were tracked counts as applied.
     */
    Appended appendTracked(Event event, Instant now);

    /**
     * Takes over applying a stored event's statistics: succeeds (returning its token) only when they are not
     * applied and the last claim is at or before {@code now - lease} (its writer died, or would have finished).
     * One conditional write; empty when applied, claimed recently, or the event does not exist.
     */
    Optional<String> claimStats(String userId, String eventId, Instant now, Duration lease);

    /** Marks the event's statistics applied; no effect (and nothing created) when the event no longer exists. */
    void markStatsApplied(String userId, String eventId);

    /** The user's most recent events by timestamp, newest first, at most {@code limit}. */
    List<Event> recent(String userId, int limit);

    /** Number of events stored for the user (a scan of the user's partition: not for the serving path, see {@link dev.metarec.service.UserState}). */
    long count(String userId);

    /** Every stored event (meta-training); order unspecified. */
    void forEach(Consumer<Event> consumer);

    /**
     * Every stored event whose item statistics are not applied and whose last claim is at or before
     * {@code claimedAtOrBefore}: deliveries that stopped part-way and were not redelivered after their lease
     * ({@link dev.metarec.service.ItemStatsLedger#repair}). Order unspecified; a scan, for the scheduled job.
     */
    void forEachUnappliedStats(Instant claimedAtOrBefore, Consumer<Event> consumer);

    /**
     * The statistics token of every stored event whose item statistics are not applied, whatever its claim time:
     * the tokens still in flight, which the statistics repair must not remove from an item's pending set. A store
     * that cannot list them throws {@link UnsupportedOperationException} (the repair then removes no token).
     */
    default void forEachUnappliedStatsToken(Consumer<String> consumer) {
        throw new UnsupportedOperationException("this event store cannot list the tokens of unapplied events");
    }

    /** Removes all of the user's events and with them their idempotency keys. Returns how many. */
    int eraseUser(String userId);

    /** One page of an erase: how many events were removed, and whether the user has more. */
    record ErasedPage(int removed, boolean more) {}

    /**
     * Removes up to {@code max} of the user's events (single deletes, so a heavy user is erased over several calls
     * instead of past a request's timeout). Adapters that cannot page remove them all.
     */
    default ErasedPage eraseUserPage(String userId, int max) {
        if (max < 1) throw new IllegalArgumentException("max must be >= 1, was " + max);
        return new ErasedPage(eraseUser(userId), false);
    }
}
