package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.port.EventStore;
import dev.metarec.port.EventStore.Appended;
import dev.metarec.port.ItemContributionStore;
import dev.metarec.port.ItemContributionStore.Change;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.StatsTokens;
import dev.metarec.rank.Recency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Stores an event and keeps its item's statistics right with conditional single-item writes only
 * (DynamoDB-compatible servers without transactions). Each user contributes to an item at most once: the latest
 * of their events for the item, a later one replacing an earlier one, with a residual bounded by
 * {@code maxResidual} ({@link ItemContributionStore}); so 1,000 ratings of one item from one account move it no more
 * than one rating does. For an event:
 * <ol>
 *   <li>the event is written once (conditional on its key), with a time-stamped random token
 *       ({@link StatsTokens}), {@code statsApplied = false} and a claim at {@code now};</li>
 *   <li>the user's contribution record for the item is written (compare-and-set on its version) with the new
 *       residual and the change of the counters this implies, under the event's token: {@code +1} and the residual
 *       for a first contribution, the difference to the previous one for a later event, nothing for an older one;</li>
 *   <li>the counters are changed and the token added to the item's pending set in one conditional write, unless
 *       the token is already pending;</li>
 *   <li>the change is cleared from the contribution record (compare-and-set), then the token is removed from the
 *       pending set;</li>
 *   <li>the event is marked applied.</li>
 * </ol>
 * A crash leaves the event unapplied, or a change in flight on the contribution record; a redelivery after the
 * event's claim lease, or {@link #repair}, takes the claim over (a conditional write, one at a time) and finishes:
 * step 3 is a no-op while the token is pending, and the token leaves the pending set only after the change is
 * cleared, so no change is ever applied twice. The lease must exceed a request's lifetime (the ingest function
 * times out after 10 s). {@link #repair} also removes stray tokens from pending sets: tokens older than the lease
 * that belong to no unapplied event and no change in flight (their final step was lost to a crash).
 */
public final class ItemStatsLedger {
    /** Longer than any ingest request lives (10 s Lambda timeout), short enough that a retry soon repairs. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** Bound on one contribution's |residual|: the width of the default rating scale (0..5). */
    public static final double DEFAULT_MAX_RESIDUAL = 5.0;
    private static final int MAX_ATTEMPTS = 8;

    /** The write steps, for failure injection in tests. */
    public enum Step { EVENT_STORED, CONTRIBUTION_WRITTEN, STATS_ADDED, EVENT_MARKED }

    /** Called after each step; tests throw from it to simulate a crash there. */
    @FunctionalInterface
    public interface Hook {
        Hook NONE = (step, event) -> {};

        void after(Step step, Event event);
    }

    /**
     * An event's contribution to its item's statistics. {@code residual} must be finite (it is clamped to
     * {@code maxResidual}). A contribution function returns null for an event that contributes nothing (its item
     * is not in the catalogue): the event is stored and marked applied, no statistics change.
     */
    public record Contribution(double residual, boolean positive) {}

    /** Whether the event was stored now, and whether its statistics changed in this call. */
    public record Recorded(boolean stored, boolean statsAdded) {}

    private final EventStore events;
    private final ItemStatsStore stats;
    private final ItemContributionStore contributions;
    private final Duration lease;
    private final double maxResidual;
    private final Hook hook;

    public ItemStatsLedger(EventStore events, ItemStatsStore stats, ItemContributionStore contributions, Duration lease,
                           double maxResidual, Hook hook) {
        this.events = Objects.requireNonNull(events, "events");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.contributions = Objects.requireNonNull(contributions, "contributions");
        if (lease.isNegative()) throw new IllegalArgumentException("lease must be >= 0, was " + lease);
        if (!(maxResidual > 0) || !Double.isFinite(maxResidual)) throw new IllegalArgumentException("maxResidual must be finite and > 0, was " + maxResidual);
        this.lease = lease;
        this.maxResidual = maxResidual;
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    public ItemStatsLedger(EventStore events, ItemStatsStore stats, ItemContributionStore contributions, Duration lease, Hook hook) {
        this(events, stats, contributions, lease, DEFAULT_MAX_RESIDUAL, hook);
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
        return new Recorded(a.stored(), apply(stored, token.get(), now, contribution));
    }

    /**
     * The scheduled repair: applies the statistics of every stored event whose delivery stopped part-way and whose
     * lease has lapsed (whether or not it is ever redelivered), finishes contribution changes left in flight (their
     * event may be gone), then removes stray tokens from the items' pending sets. Everything is claimed first, so
     * this may run beside ingest and beside another repair. Returns how many counter changes it made.
     */
    public int repair(Instant now, Function<Event, Contribution> contribution) {
        List<Event> unapplied = new ArrayList<>();
        events.forEachUnappliedStats(now.minus(lease), unapplied::add);
        int added = 0;
        for (Event e : unapplied) {
            Optional<String> token = events.claimStats(e.userId(), e.eventId(), now, lease);
            if (token.isPresent() && apply(e, token.get(), now, contribution)) added++;
        }
        List<ItemContributionStore.Contribution> stuck = new ArrayList<>();
        contributions.forEachPending(stuck::add);
        for (ItemContributionStore.Contribution c : stuck) {
            if (c.retracting()) continue;   // an erase in progress: its next call finishes it (the repair deletes nothing)
            Optional<ItemContributionStore.Contribution> claimed = claimLapsed(c, now);
            if (claimed.isPresent() && finish(claimed.get(), null)) added++;
        }
        removeStrayTokens(now);
        return added;
    }

    /**
     * Erase: takes back up to {@code max} of the user's contributions (the counters lose them, the records go).
     * Returns how many were taken back now, and whether any record is left (one whose change is in flight within
     * its lease cannot be taken back yet).
     */
    public EventStore.ErasedPage retract(String userId, int max, Instant now) {
        List<ItemContributionStore.Contribution> mine = contributions.ofUser(userId, max);
        int retracted = 0;
        for (ItemContributionStore.Contribution c : mine) if (retractOne(c, now)) retracted++;
        boolean more = !contributions.ofUser(userId, 1).isEmpty();
        return new EventStore.ErasedPage(retracted, more);
    }

    private boolean retractOne(ItemContributionStore.Contribution c, Instant now) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (c.pending() != null) {
                Optional<ItemContributionStore.Contribution> claimed = claimLapsed(c, now);
                if (claimed.isEmpty()) return false;   // a change in flight within its lease: the next erase call
                finish(claimed.get(), null);
            } else {
                Change back = new Change(StatsTokens.next(now), -1, -c.residual(), c.positive() ? -1 : 0,
                        c.positive() ? -Recency.weight(c.eventTime()) : 0.0, now);
                ItemContributionStore.Contribution retracting = new ItemContributionStore.Contribution(c.userId(), c.itemId(),
                        c.version() + 1, c.eventTime(), c.eventToken(), c.residual(), c.positive(), true, back);
                if (contributions.put(retracting, c.version())) return finish(retracting, null);
            }
            Optional<ItemContributionStore.Contribution> again = contributions.find(c.userId(), c.itemId());
            if (again.isEmpty()) return true;
            c = again.get();
        }
        return false;
    }

    /** Steps 2-5 for a stored event whose claim this caller holds; true when the counters changed now. */
    private boolean apply(Event stored, String token, Instant now, Function<Event, Contribution> contribution) {
        Contribution c = contribution.apply(stored);
        boolean changed = false;
        if (c != null) {
            Optional<Boolean> done = contribute(stored, token, now, c);
            if (done.isEmpty()) return false;   // a change of another event is in flight: a redelivery or the repair finishes this
            changed = done.get();
        }
        events.markStatsApplied(stored.userId(), stored.eventId());
        hook.after(Step.EVENT_MARKED, stored);
        return changed;
    }

    /** Makes the event the user's contribution to its item; empty when it has to wait for another change in flight. */
    private Optional<Boolean> contribute(Event e, String token, Instant now, Contribution c) {
        double residual = Double.isFinite(c.residual()) ? Math.max(-maxResidual, Math.min(maxResidual, c.residual())) : 0.0;
        long positive = c.positive() ? 1 : 0;
        double recent = c.positive() ? Recency.weight(e.timestamp()) : 0.0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<ItemContributionStore.Contribution> current = contributions.find(e.userId(), e.itemId());
            if (current.isPresent() && current.get().pending() != null) {
                ItemContributionStore.Contribution r = current.get();
                Optional<ItemContributionStore.Contribution> claimed = claimLapsed(r, now);
                if (claimed.isEmpty()) return Optional.empty();
                boolean changed = finish(claimed.get(), e);
                if (r.pending().token().equals(token)) return Optional.of(changed);
                continue;
            }
            if (current.isPresent() && current.get().eventToken().equals(token)) return Optional.of(false);  // done before a crash
            if (current.isPresent() && current.get().eventTime().isAfter(e.timestamp())) return Optional.of(false);  // a newer event counts
            long v = current.map(ItemContributionStore.Contribution::version).orElse(0L);
            ItemContributionStore.Contribution was = current.orElse(null);
            Change change = was == null ? new Change(token, 1, residual, positive, recent, now)
                    : new Change(token, 0, residual - was.residual(), positive - (was.positive() ? 1 : 0),
                    recent - (was.positive() ? Recency.weight(was.eventTime()) : 0.0), now);
            ItemContributionStore.Contribution next = new ItemContributionStore.Contribution(e.userId(), e.itemId(), v + 1, e.timestamp(),
                    token, residual, c.positive(), false, change);
            if (contributions.put(next, v)) {
                hook.after(Step.CONTRIBUTION_WRITTEN, e);
                return Optional.of(finish(next, e));
            }
        }
        return Optional.empty();
    }

    /** Takes over a record's change in flight when its claim has lapsed (compare-and-set); empty otherwise. */
    private Optional<ItemContributionStore.Contribution> claimLapsed(ItemContributionStore.Contribution r, Instant now) {
        if (r.pending() == null || r.pending().claimedAt().isAfter(now.minus(lease))) return Optional.empty();
        ItemContributionStore.Contribution claimed = r.next(r.pending().claimedAt(now));
        return contributions.put(claimed, r.version()) ? Optional.of(claimed) : Optional.empty();
    }

    /**
     * Steps 3-4 for a record whose change this caller has just written or claimed: applies the change (a no-op when
     * its token is already pending), clears it from the record (deletes a retracted record), and only then removes
     * the token. True when the counters changed now. {@code event} is for the test hook only (null: no event).
     */
    private boolean finish(ItemContributionStore.Contribution r, Event event) {
        Change ch = r.pending();
        boolean added = !ch.isEmpty() && stats.addOnce(r.itemId(), ch.token(), ch.count(), ch.residual(), ch.positives(), ch.recentPositives());
        if (event != null) hook.after(Step.STATS_ADDED, event);
        boolean cleared = r.retracting() ? contributions.delete(r.userId(), r.itemId(), r.version())
                : contributions.put(r.next(null), r.version());
        if (cleared) stats.settle(r.itemId(), ch.token());
        return added;
    }

    /** Removes pending tokens older than the lease that no unapplied event and no change in flight holds. */
    private void removeStrayTokens(Instant now) {
        Map<String, Set<String>> pending;
        Set<String> inFlight = new HashSet<>();
        try {
            pending = stats.allPending();
            if (pending.isEmpty()) return;
            events.forEachUnappliedStatsToken(inFlight::add);
        } catch (UnsupportedOperationException e) {
            return;   // a store that cannot list them: without the tokens in flight nothing can be told stray
        }
        contributions.forEachPending(c -> inFlight.add(c.pending().token()));
        Instant cutoff = now.minus(lease);
        pending.forEach((item, tokens) -> {
            for (String t : tokens) {
                boolean old = StatsTokens.issuedAt(t).map(at -> !at.isAfter(cutoff)).orElse(true);
                if (old && !inFlight.contains(t)) stats.settle(item, t);
            }
        });
    }
}
