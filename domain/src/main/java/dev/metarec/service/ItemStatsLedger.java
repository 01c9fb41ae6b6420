package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.port.EventStore;
import dev.metarec.port.EventStore.Appended;
import dev.metarec.port.ItemStatsStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stores an event and adds it to its item's statistics exactly once, with conditional single-item writes
 * only (DynamoDB-compatible servers without transactions):
 * <ol>
 *   <li>the event is written once (conditional on its key), with a random token, {@code statsApplied = false}
 *       and a claim at {@code now};</li>
 *   <li>the counters are incremented and the token added to the item's pending set in one conditional write,
 *       unless the token is already pending;</li>
 *   <li>the event is marked applied;</li>
 *   <li>the token is removed from the pending set.</li>
 * </ol>
 * A crash after step 1 or 2 leaves the event unapplied; a redelivery after the claim's lease takes the claim
 * over (a conditional write, so one redelivery at a time) and repeats steps 2-4: step 2 is skipped if the crash
 * came after it, so the count is neither lost nor doubled. The lease keeps a redelivery from racing a delivery
 * that is still running (it must exceed a request's lifetime: the ingest function times out after 10 s). A crash
 * after step 3 leaves only a token in the pending set, never a wrong count. An event that is not redelivered
 * after its lease (the client gave up, or retried within the lease and was told "duplicate") is applied by
 * {@link #repair}, which the scheduled meta-train runs before each invocation.
 */
public final class ItemStatsLedger {
    /** Longer than any ingest request lives (10 s Lambda timeout), short enough that a retry soon repairs. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    /** The write steps, for failure injection in tests. */
    public enum Step { EVENT_STORED, STATS_ADDED, EVENT_MARKED }

    /** Called after each step; tests throw from it to simulate a crash there. */
    @FunctionalInterface
    public interface Hook {
        Hook NONE = (step, event) -> {};

        void after(Step step, Event event);
    }

    /** An event's contribution to its item's statistics. {@code residual} must be finite. */
    public record Contribution(double residual, boolean positive) {}

    /** Whether the event was stored now, and whether its statistics were added by this call. */
    public record Recorded(boolean stored, boolean statsAdded) {}

    private final EventStore events;
    private final ItemStatsStore stats;
    private final Duration lease;
    private final Hook hook;

    public ItemStatsLedger(EventStore events, ItemStatsStore stats, Duration lease, Hook hook) {
        this.events = Objects.requireNonNull(events, "events");
        this.stats = Objects.requireNonNull(stats, "stats");
        if (lease.isNegative()) throw new IllegalArgumentException("lease must be >= 0, was " + lease);
        this.lease = lease;
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    /**
     * Stores {@code event} (or finds the stored one) and applies its statistics unless they are applied or
     * another delivery holds the claim. {@code contribution} is evaluated only when applying.
     */
    public Recorded record(Event event, Instant now, Function<Event, Contribution> contribution) {
        Appended a = events.appendTracked(event, now);
        hook.after(Step.EVENT_STORED, event);
        if (a.statsApplied()) return new Recorded(a.stored(), false);
        Event stored = a.event();
        Optional<String> token = a.stored() ? Optional.of(a.statsToken()) : events.claimStats(stored.userId(), stored.eventId(), now, lease);
        if (token.isEmpty()) return new Recorded(a.stored(), false);
        return new Recorded(a.stored(), apply(stored, token.get(), contribution));
    }

    /**
     * Applies the statistics of every stored event whose delivery stopped part-way and whose lease has
     * lapsed, whether or not the event is ever redelivered (a client that got an error may never retry, and
     * one that retried within the lease was told "duplicate"). Each event is claimed first, so this may run
     * beside ingest and beside another repair. Returns how many events' statistics it added.
     */
    public int repair(Instant now, Function<Event, Contribution> contribution) {
        List<Event> unapplied = new ArrayList<>();
        events.forEachUnappliedStats(now.minus(lease), unapplied::add);
        int added = 0;
        for (Event e : unapplied) {
            Optional<String> token = events.claimStats(e.userId(), e.eventId(), now, lease);
            if (token.isPresent() && apply(e, token.get(), contribution)) added++;
        }
        return added;
    }

    /** Steps 2-4 for a stored event whose claim this caller holds; true when the counters were incremented now. */
    private boolean apply(Event stored, String token, Function<Event, Contribution> contribution) {
        Contribution c = contribution.apply(stored);
        double residual = Double.isFinite(c.residual()) ? c.residual() : 0.0;
        boolean added = stats.addOnce(stored.itemId(), token, 1, residual, c.positive() ? 1 : 0);
        hook.after(Step.STATS_ADDED, stored);
        events.markStatsApplied(stored.userId(), stored.eventId());
        hook.after(Step.EVENT_MARKED, stored);
        stats.settle(stored.itemId(), token);
        return added;
    }
}
