package dev.metarec.infra;

import java.util.Locale;

/**
 * The DynamoDB tables of the shared AWS data model. Each table's name reaches the functions in the
 * environment variable {@link #environmentVariable()}, which Quarkus maps to the configuration key
 * {@code metarec.dynamodb.<logical>-table}.
 */
public enum DataTable {
    /** PK userId, SK eventId; LSI {@code byTime} on ts (N, epoch millis). */
    EVENTS("events", "userId", "eventId"),
    /** The catalogue. */
    ITEMS("items", "itemId", null),
    /** Atomic counters per item. */
    ITEM_STATS("item-stats", "itemId", null),
    PROFILES("profiles", "userId", null),
    /** Fast weights with checkpointId and version (optimistic locking). */
    FAST_WEIGHTS("fast-weights", "userId", null),
    /** Named pointers: the champion checkpoint, the catalogue version counter. */
    CONTROL("control", "name", null);

    /** Local secondary index of the events table, sort key {@link #EVENTS_TIME_ATTRIBUTE}. */
    public static final String EVENTS_BY_TIME_INDEX = "byTime";
    public static final String EVENTS_TIME_ATTRIBUTE = "ts";
    /** TTL attribute of every table (epoch seconds). */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private final String logicalName;
    private final String partitionKey;
    private final String sortKey;

    DataTable(String logicalName, String partitionKey, String sortKey) {
        this.logicalName = logicalName;
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
    }

    /** The name used in configuration keys, e.g. {@code item-stats}. */
    public String logicalName() { return logicalName; }

    public String partitionKey() { return partitionKey; }

    /** The sort key attribute, or null for a table with a partition key only. */
    public String sortKey() { return sortKey; }

    /** e.g. {@code METAREC_DYNAMODB_ITEM_STATS_TABLE} for {@code metarec.dynamodb.item-stats-table}. */
    public String environmentVariable() {
        return "METAREC_DYNAMODB_" + logicalName.replace('-', '_').toUpperCase(Locale.ROOT) + "_TABLE";
    }

    /** CloudFormation-friendly id, e.g. {@code ItemStats}. */
    public String constructId() {
        return Names.pascalCase(logicalName);
    }
}
