package dev.metarec.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What one user contributes to one item's statistics: at most one contribution per (user, item), the latest
 * event's (a later event replaces an earlier one), so one account cannot push or bury an item for everyone by
 * repeating events (see {@link dev.metarec.service.ItemStatsLedger}). A record says what the item's counters hold
 * for this user (the residual and whether it was positive; it counts once) and may carry a {@link Change} of
 * those counters in flight. Records move only by compare-and-set on {@code version} (one conditional single-item
 * write); a record with a change in flight is finished by whoever holds its claim.
 *
 * <p>DynamoDB: items in the events table under the user's partition, sort key {@code U+0001 "c" U+0001 itemId}
 * (never a valid client event id: ids cannot hold control characters), so an erase finds them with the user's events.
 */
public interface ItemContributionStore {

    /**
     * A change of an item's counters being applied under {@code token} (held in the item's pending set while it is
     * applied), claimed at {@code claimedAt}: {@code count}, {@code residual}, {@code positives} and
     * {@code recentPositives} (the positives' forward-decayed sum, {@link dev.metarec.rank.Recency}) are deltas.
     */
    record Change(String token, long count, double residual, long positives, double recentPositives, Instant claimedAt) {
        public Change {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(claimedAt, "claimedAt");
            if (!Double.isFinite(residual)) throw new IllegalArgumentException("residual delta must be finite, was " + residual);
            if (!Double.isFinite(recentPositives)) throw new IllegalArgumentException("recentPositives delta must be finite, was " + recentPositives);
        }

        /** True when it changes no counter. */
        public boolean isEmpty() { return count == 0 && residual == 0 && positives == 0 && recentPositives == 0; }

        public Change claimedAt(Instant at) { return new Change(token, count, residual, positives, recentPositives, at); }
    }

    /**
     * The contribution of {@code userId} to {@code itemId}: from the event of time {@code eventTime} whose statistics
     * token is {@code eventToken}; {@code retracting} when it is being taken back (erase); {@code pending} is the
     * change in flight, or null.
     */
    record Contribution(String userId, String itemId, long version, Instant eventTime, String eventToken, double residual,
                        boolean positive, boolean retracting, Change pending) {
        public Contribution {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(itemId, "itemId");
            Objects.requireNonNull(eventTime, "eventTime");
            Objects.requireNonNull(eventToken, "eventToken");
            if (version < 1) throw new IllegalArgumentException("version must be >= 1, was " + version);
            if (!Double.isFinite(residual)) throw new IllegalArgumentException("residual must be finite, was " + residual);
            if (retracting && pending == null) throw new IllegalArgumentException("a retraction is a change in flight");
        }

        /** This record at the next version with {@code change} in flight (null: settled). */
        public Contribution next(Change change) {
            return new Contribution(userId, itemId, version + 1, eventTime, eventToken, residual, positive, retracting, change);
        }
    }

    Optional<Contribution> find(String userId, String itemId);

    /**
     * Writes {@code next} if the stored version equals {@code expectedVersion} (0 = no record yet); {@code next.version()}
     * must be {@code expectedVersion + 1}. False, changing nothing, when another writer got there first.
     */
    boolean put(Contribution next, long expectedVersion);

    /** Deletes the record if its stored version equals {@code expectedVersion}; false otherwise. */
    boolean delete(String userId, String itemId, long expectedVersion);

    /** Up to {@code limit} of the user's records, in unspecified order. */
    List<Contribution> ofUser(String userId, int limit);

    /** Every record with a change in flight (the statistics repair); order unspecified, a scan. */
    void forEachPending(Consumer<Contribution> consumer);
}
