package dev.metarec.service;

import dev.metarec.port.ErasureLog;
import dev.metarec.port.EventStore;
import dev.metarec.port.FastWeightStore;
import dev.metarec.port.UserProfileStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Erases a user, in an order that leaves nothing behind when a call is cut short:
 * <ol>
 *   <li>the erase is logged ({@link ErasureLog}: a fingerprint of the id, for a few days), so a meta-training run
 *       that started before it drops the user's events from its snapshot when it resumes;</li>
 *   <li>the fast weights are replaced by a tombstone that refuses fast-weight writes for {@link Settings#tombstone}
 *       past this call's budget, so an adapt that read the user's events before they were deleted cannot store
 *       weights made from them afterwards; then the profile is deleted;</li>
 *   <li>the events (and with them the idempotency records) are deleted in pages;</li>
 *   <li>the user's contributions to item statistics are taken back ({@link ItemStatsLedger#retract}).</li>
 * </ol>
 * A call stops when its time budget or page limit is spent and answers {@code complete = false}: the client
 * calls again (every step is idempotent) until {@code complete}. Later events for the user start fresh,
 * including a replay of an old event id.
 */
public final class EraseService {
    /**
     * @param budget        time one call may spend deleting (the erase function times out after 29 s)
     * @param maxPerCall    most events (and, separately, contributions) one call deletes
     * @param tombstone     how long after a call's budget fast-weight writes stay refused: longer than an adapt
     *                      lives (the adapt function times out after 15 s)
     */
    public record Settings(Duration budget, int maxPerCall, Duration tombstone) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(20), 5_000, Duration.ofSeconds(30));

        public Settings {
            if (budget.isNegative() || budget.isZero()) throw new IllegalArgumentException("budget must be positive, was " + budget);
            if (maxPerCall < 1) throw new IllegalArgumentException("maxPerCall must be >= 1, was " + maxPerCall);
            if (tombstone.isNegative()) throw new IllegalArgumentException("tombstone must be >= 0, was " + tombstone);
        }
    }

    /** What one call removed; {@code complete} false: call again. */
    public record Result(String userId, int eventsRemoved, boolean profileRemoved, boolean fastWeightsRemoved,
                         int contributionsRetracted, boolean complete) {}

    private static final int PAGE = 100;

    private final EventStore events;
    private final UserProfileStore profiles;
    private final FastWeightStore fastWeights;
    private final ItemStatsLedger ledger;
    private final ErasureLog erasures;
    private final Settings settings;
    private final Clock clock;

    public EraseService(EventStore events, UserProfileStore profiles, FastWeightStore fastWeights, ItemStatsLedger ledger,
                        ErasureLog erasures, Settings settings, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.fastWeights = Objects.requireNonNull(fastWeights, "fastWeights");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.erasures = Objects.requireNonNull(erasures, "erasures");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Result erase(String userId) {
        Instant start = clock.instant();
        Instant deadline = start.plus(settings.budget());
        erasures.record(userId, start);
        boolean fw = fastWeights.tombstone(userId, deadline.plus(settings.tombstone()));
        boolean profile = profiles.delete(userId);
        int removed = 0;
        boolean eventsLeft = true;
        while (eventsLeft && removed < settings.maxPerCall() && clock.instant().isBefore(deadline)) {
            EventStore.ErasedPage page = events.eraseUserPage(userId, Math.min(PAGE, settings.maxPerCall() - removed));
            removed += page.removed();
            eventsLeft = page.more();
        }
        int retracted = 0;
        boolean contributionsLeft = true;
        while (!eventsLeft && contributionsLeft && retracted < settings.maxPerCall() && clock.instant().isBefore(deadline)) {
            EventStore.ErasedPage page = ledger.retract(userId, Math.min(PAGE, settings.maxPerCall() - retracted), clock.instant());
            retracted += page.removed();
            contributionsLeft = page.more();
            if (page.removed() == 0 && contributionsLeft) break;   // only changes in flight left: the next call takes them back
        }
        boolean complete = !eventsLeft && !contributionsLeft;
        // Once everything is gone, block fast-weight writes once more from now: an adapt that read the last events
        // just before they were deleted finishes within the tombstone.
        if (complete) fastWeights.tombstone(userId, clock.instant().plus(settings.tombstone()));
        return new Result(userId, removed, profile, fw, retracted, complete);
    }
}
