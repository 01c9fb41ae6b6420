package dev.metarec.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.metarec.adapter.dynamodb.AttributeValues.n;
import static dev.metarec.adapter.dynamodb.AttributeValues.s;

/**
 * The {@code control} table (PK {@code name}): named pointers that move only by conditional write (the
 * champion checkpoint id), named counters bumped by atomic {@code ADD} (the catalogue version), and the
 * catalogue change log ({@code catalogue-change#<version>} -> {@code itemId}, expiring by TTL).
 */
public final class DynamoDbControl {
    public static final String CHAMPION = "champion";
    public static final String CATALOGUE_VERSION = "catalogue-version";
    /** Prefix of the catalogue change-log items: {@code catalogue-change#<version>}. */
    public static final String CATALOGUE_CHANGE_PREFIX = "catalogue-change#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbControl(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The value of pointer {@code name}, if it was ever set. */
    public Optional<String> pointer(String name) {
        return attribute(name, "target");
    }

    /** The value pointer {@code name} held before its last move, if it moved from one. */
    public Optional<String> previous(String name) {
        return attribute(name, "previous");
    }

    /** The digest recorded for {@code checkpointId} as the pointer's target or previous value, if any. */
    public Optional<String> digest(String name, String checkpointId) {
        var item = DynamoDbCalls.call("read pointer " + name, () -> dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("name", s(name))).consistentRead(true))).item();
        if (item == null) return Optional.empty();
        for (String[] pair : new String[][]{{"target", "targetSha256"}, {"previous", "previousSha256"}}) {
            AttributeValue id = item.get(pair[0]), digest = item.get(pair[1]);
            if (id != null && checkpointId.equals(id.s()) && digest != null) return Optional.of(digest.s());
        }
        return Optional.empty();
    }

    private Optional<String> attribute(String name, String attribute) {
        var item = DynamoDbCalls.call("read pointer " + name, () -> dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("name", s(name))).consistentRead(true))).item();
        return item == null || !item.containsKey(attribute) ? Optional.empty() : Optional.of(item.get(attribute).s());
    }

    /**
     * Moves pointer {@code name} to {@code next} only if it currently holds {@code expected} ({@code null}:
     * only if it was never set). False when another writer moved it first.
     */
    public boolean movePointer(String name, String expected, String next, Instant now) {
        return movePointer(name, expected, next, null, now);
    }

    /**
     * As above, recording {@code nextSha256} (may be null) as {@code targetSha256}; the digest the pointer held for
     * {@code expected} moves to {@code previousSha256} (read first; the conditional put fails if the pointer moved since).
     */
    public boolean movePointer(String name, String expected, String next, String nextSha256, Instant now) {
        Objects.requireNonNull(next, "next");
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("name", s(name));
        item.put("target", s(next));
        item.put("movedAt", n(now.toEpochMilli()));
        if (nextSha256 != null) item.put("targetSha256", s(nextSha256));
        if (expected != null) {
            item.put("previous", s(expected));
            attribute(name, "target").filter(expected::equals).flatMap(t -> attribute(name, "targetSha256"))
                    .ifPresent(d -> item.put("previousSha256", s(d)));
        }
        return DynamoDbCalls.conditional("move pointer " + name, () -> dynamo.putItem(b -> {
            b.tableName(table).item(item);
            if (expected == null) {
                b.conditionExpression("attribute_not_exists(#n)").expressionAttributeNames(Map.of("#n", "name"));
            } else {
                b.conditionExpression("#t = :expected").expressionAttributeNames(Map.of("#t", "target"))
                        .expressionAttributeValues(Map.of(":expected", s(expected)));
            }
        }));
    }

    /** Atomically adds one to counter {@code name} (created at 0) and returns the new value. */
    public long increment(String name) {
        var response = DynamoDbCalls.call("increment " + name, () -> dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("name", s(name)))
                .updateExpression("ADD #v :one")
                .expressionAttributeNames(Map.of("#v", "counter"))
                .expressionAttributeValues(Map.of(":one", n(1L)))
                .returnValues(ReturnValue.UPDATED_NEW)));
        return Long.parseLong(response.attributes().get("counter").n());
    }

    /** The change-log item of catalogue version {@code version}. */
    static String changeKey(long version) { return CATALOGUE_CHANGE_PREFIX + version; }

    /** Logs that catalogue version {@code version} changed item {@code itemId} (never overwrites an entry). */
    public void logChange(long version, String itemId, Instant expiresAt) {
        DynamoDbCalls.conditional("log catalogue change " + version, () -> dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("name", s(changeKey(version))))
                .updateExpression("SET #i = :i, #x = :x")
                .conditionExpression("attribute_not_exists(#n)")
                .expressionAttributeNames(Map.of("#i", "itemId", "#x", "expiresAt", "#n", "name"))
                .expressionAttributeValues(Map.of(":i", s(itemId), ":x", AttributeValues.expiresAt(expiresAt)))));
    }

    /** The logged catalogue changes for versions in ({@code after}, {@code upTo}] (BatchGetItem). */
    public Map<Long, String> changes(long after, long upTo) {
        java.util.List<Map<String, AttributeValue>> keys = new java.util.ArrayList<>();
        for (long v = after + 1; v <= upTo; v++) keys.add(Map.of("name", s(changeKey(v))));
        Map<Long, String> out = new HashMap<>();
        for (var item : DynamoDbCalls.batchGet(dynamo, table, keys)) {
            String name = item.get("name").s();
            if (item.containsKey("itemId")) out.put(Long.parseLong(name.substring(CATALOGUE_CHANGE_PREFIX.length())), item.get("itemId").s());
        }
        return out;
    }

    /** The value of counter {@code name}, 0 if it was never incremented. */
    public long counter(String name) {
        var item = DynamoDbCalls.call("read counter " + name, () -> dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("name", s(name))).consistentRead(true))).item();
        return item == null ? 0 : AttributeValues.longValue(item, "counter", 0);
    }
}
