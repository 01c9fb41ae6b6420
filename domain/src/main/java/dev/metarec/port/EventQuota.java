package dev.metarec.port;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Per-user daily event counters for the ingest quota: one conditional single-item increment reserves a batch's
 * events before anything is written, so a batch is either within the quota or refused whole. DynamoDB: an item in
 * the events table keyed by a pseudonym of the user (the SHA-256 of the id) and the day, with a TTL; it is not
 * removed by an erase (erasing cannot reset the quota), names no user, and expires by itself after two days.
 */
public interface EventQuota {

    /**
     * Adds {@code n} to the user's count for {@code day} if the result stays at most {@code limit}; true when
     * reserved, false (nothing changed) when the quota would be exceeded. The record may be forgotten after {@code expiresAt}.
     */
    boolean reserve(String userId, LocalDate day, int n, int limit, Instant expiresAt);

    /** Gives {@code n} back (events that were not stored after all, e.g. redeliveries). */
    void release(String userId, LocalDate day, int n);

    /** The user's count for {@code day} (0 when none). */
    long used(String userId, LocalDate day);

    /** No quota: every reservation succeeds and nothing is stored. */
    EventQuota NONE = new EventQuota() {
        @Override public boolean reserve(String userId, LocalDate day, int n, int limit, Instant expiresAt) { return true; }
        @Override public void release(String userId, LocalDate day, int n) { }
        @Override public long used(String userId, LocalDate day) { return 0; }
    };
}
