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
}
