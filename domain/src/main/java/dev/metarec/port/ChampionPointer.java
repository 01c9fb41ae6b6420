package dev.metarec.port;

import java.util.Optional;

/**
 * The "current" pointer: which checkpoint is the champion. It moves only by compare-and-set, so two
 * meta-train runs can never both promote, and a reader sees either the old or the new champion.
 * DynamoDB: control table item {@code name=champion}, conditional put.
 */
public interface ChampionPointer {

    /** The champion's checkpoint id, if any. */
    Optional<String> current();

    /**
     * The champion the pointer held before its last move, if it ever moved from one: what a container
     * with nothing in memory serves when the current champion's checkpoint cannot be loaded.
     */
    Optional<String> previous();

    /**
     * Moves the pointer to {@code next} only if it still points at {@code expected} ({@code null} = no
     * pointer yet). Returns false (and changes nothing) when the pointer holds something else. On success
     * {@code expected} becomes {@link #previous()} in the same single-item write.
     */
    boolean moveCurrent(String expected, String next);

    /**
     * As {@link #moveCurrent(String, String)}, recording {@code nextSha256}, the SHA-256 (lower-case hex) of the
     * checkpoint's bytes, in the same write: a checkpoint object replaced after its promotion no longer matches
     * its pointer and is never served ({@link #sha256}). A pointer that cannot record digests moves without one.
     */
    default boolean moveCurrent(String expected, String next, String nextSha256) { return moveCurrent(expected, next); }

    /**
     * The SHA-256 recorded for {@code checkpointId} when it became the current or (before that) the previous
     * champion; empty when the pointer does not name it or was moved without one (before digests were recorded, or
     * by a pointer that records none).
     */
    default Optional<String> sha256(String checkpointId) { return Optional.empty(); }
}
