package dev.metarec.adapter.dynamodb;

import dev.metarec.port.ErasureLog;
import dev.metarec.port.EventQuota;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

import static dev.metarec.adapter.dynamodb.AttributeValues.n;
import static dev.metarec.adapter.dynamodb.AttributeValues.s;

/**
 * Daily event counters as items of the events table: key ({@code U+0001 q U+0001} + SHA-256 of the user id,
 * {@code U+0001 q U+0001 yyyy-mm-dd}), attribute {@code used}, TTL {@code expiresAt}: a partition of their own, under
 * a pseudonym, so an erase neither finds nor resets them and they name no user while they expire. A reservation is one {@code UpdateItem ADD} conditional on the result staying
 * within the limit, so concurrent requests of one user can never pass the quota together.
 */
public final class DynamoDbEventQuota implements EventQuota {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbEventQuota(DynamoDbClient dynamo, String eventsTable) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(eventsTable, "eventsTable");
    }

    /** The user's pseudonym (not the id: the counter outlives an erase) as partition, the day as sort key. */
    private static Map<String, AttributeValue> key(String userId, LocalDate day) {
        return Map.of("userId", s(EventsTableKeys.QUOTA_PREFIX + ErasureLog.fingerprint(userId)), "eventId", s(EventsTableKeys.quota(day)));
    }

    @Override
    public boolean reserve(String userId, LocalDate day, int n, int limit, Instant expiresAt) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, was " + n);
        if (n > limit) return false;
        return DynamoDbCalls.conditional("reserve event quota", () -> dynamo.updateItem(b -> b.tableName(table).key(key(userId, day))
                .updateExpression("ADD #n :n SET #x = :x")
                .conditionExpression("attribute_not_exists(#n) OR #n <= :max")
                .expressionAttributeNames(Map.of("#n", "used", "#x", "expiresAt"))
                .expressionAttributeValues(Map.of(":n", n(n), ":max", n(limit - n), ":x", AttributeValues.expiresAt(expiresAt)))));
    }

    @Override
    public void release(String userId, LocalDate day, int n) {
        if (n < 1) return;
        DynamoDbCalls.conditional("release event quota", () -> dynamo.updateItem(b -> b.tableName(table).key(key(userId, day))
                .updateExpression("ADD #n :minus")
                .conditionExpression("attribute_exists(#n)")
                .expressionAttributeNames(Map.of("#n", "used"))
                .expressionAttributeValues(Map.of(":minus", n(-n)))));
    }

    @Override
    public long used(String userId, LocalDate day) {
        var item = DynamoDbCalls.call("read event quota", () -> dynamo.getItem(b -> b.tableName(table).key(key(userId, day)).consistentRead(true))).item();
        return item == null ? 0 : AttributeValues.longValue(item, "used", 0);
    }
}
