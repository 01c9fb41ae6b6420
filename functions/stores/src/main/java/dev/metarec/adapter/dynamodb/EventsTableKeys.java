package dev.metarec.adapter.dynamodb;

/**
 * Sort keys of the events table. A client's event id is never empty and holds no control characters (request
 * validation), so every event id sorts at or after {@link #FIRST_EVENT_ID}; the table's other records live under
 * the user's partition with sort keys that start with U+0001, which no event id can: the user's item-statistics
 * contributions; daily quota counters have partitions of their own (a pseudonym of the user, prefix U+0001 too).
 * None carries {@code ts}, so they are not in the {@code byTime} index.
 */
final class EventsTableKeys {
    /** Lower bound (inclusive) of every event id. */
    static final String FIRST_EVENT_ID = "\u0002";
    static final String CONTRIBUTION_PREFIX = "\u0001c\u0001";
    static final String QUOTA_PREFIX = "\u0001q\u0001";

    private EventsTableKeys() {}

    static String contribution(String itemId) { return CONTRIBUTION_PREFIX + itemId; }

    static String quota(java.time.LocalDate day) { return QUOTA_PREFIX + day; }
}
