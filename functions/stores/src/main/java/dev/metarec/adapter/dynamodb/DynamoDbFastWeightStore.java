package dev.metarec.adapter.dynamodb;

import dev.metarec.port.FastWeightStore;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.metarec.adapter.dynamodb.AttributeValues.n;
import static dev.metarec.adapter.dynamodb.AttributeValues.s;

/**
 * Per-user fast weights in the {@code fast-weights} table (PK {@code userId}; attributes checkpointId,
 * version, payload, updatedAt, expiresAt). Optimistic locking by one conditional put: the first write
 * requires that no record exists, later ones that the stored version is the one the writer read. Records
 * expire (TTL {@code expiresAt} = updatedAt + ttl): a user who comes back is simply adapted again.
 */
public final class DynamoDbFastWeightStore implements FastWeightStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration ttl;

    public DynamoDbFastWeightStore(DynamoDbClient dynamo, String table, Duration ttl) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        this.ttl = ttl;
    }

    @Override
    public Optional<StoredFastWeights> find(String userId) {
        var item = DynamoDbCalls.call("read fast weights", () -> dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("userId", s(userId))).consistentRead(true))).item();
        if (item == null || item.isEmpty() || !item.containsKey("version")) return Optional.empty();   // none, or an erase tombstone
        return Optional.of(new StoredFastWeights(
                AttributeValues.string(item, "userId"),
                AttributeValues.string(item, "checkpointId"),
                AttributeValues.longValue(item, "version", 0),
                item.get("payload").b().asByteArray(),
                AttributeValues.instant(item, "updatedAt")));
    }

    @Override
    public boolean put(StoredFastWeights record, long expectedVersion) {
        if (expectedVersion < 0) throw new IllegalArgumentException("expectedVersion must be >= 0, was " + expectedVersion);
        if (record.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("record version must be expectedVersion + 1 = " + (expectedVersion + 1)
                    + ", was " + record.version());
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("userId", s(record.userId()));
        item.put("checkpointId", s(record.checkpointId()));
        item.put("version", n(record.version()));
        item.put("payload", AttributeValue.fromB(SdkBytes.fromByteArray(record.payload())));
        item.put("updatedAt", n(record.updatedAt().toEpochMilli()));
        item.put("expiresAt", AttributeValues.expiresAt(record.updatedAt().plus(ttl)));
        boolean written = DynamoDbCalls.conditional("write fast weights", () -> dynamo.putItem(b -> {
            b.tableName(table).item(item);
            if (expectedVersion == 0) {
                // No record: nothing at all, or a tombstone whose time has passed.
                b.conditionExpression("attribute_not_exists(#v) AND (attribute_not_exists(#t) OR #t <= :now)")
                        .expressionAttributeNames(Map.of("#v", "version", "#t", "erasedUntil"))
                        .expressionAttributeValues(Map.of(":now", n(record.updatedAt().toEpochMilli())));
            } else {
                b.conditionExpression("#v = :expected").expressionAttributeNames(Map.of("#v", "version"))
                        .expressionAttributeValues(Map.of(":expected", n(expectedVersion)));
            }
        }));
        if (!written) refuseIfTombstoned(record.userId(), record.updatedAt());
        return written;
    }

    /** After a lost write: an erase tombstone standing at {@code at} is the reason, not another writer. */
    private void refuseIfTombstoned(String userId, Instant at) {
        var item = DynamoDbCalls.call("read fast weights", () -> dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("userId", s(userId))).consistentRead(true))).item();
        Instant until = item == null ? null : AttributeValues.instant(item, "erasedUntil");
        if (until != null && until.isAfter(at)) throw new ErasureInProgressException("the user is being erased; fast weights are not stored until " + until);
    }

    /**
     * Replaces the record by a tombstone {@code {userId, erasedUntil, expiresAt}} (one {@code PutItem} whose only
     * attributes are these three, which the erase role's policy enforces; no return values, which attribute-restricted
     * writes should not ask for); true if there was a record (read just before).
     */
    @Override
    public boolean tombstone(String userId, Instant until) {
        boolean had = find(userId).isPresent();
        Map<String, AttributeValue> item = Map.of("userId", s(userId), "erasedUntil", n(until.toEpochMilli()),
                "expiresAt", AttributeValues.expiresAt(until.plus(Duration.ofDays(1))));
        DynamoDbCalls.run("write fast-weights tombstone", () -> dynamo.putItem(b -> b.tableName(table).item(item)));
        return had;
    }

    @Override
    public boolean delete(String userId) {
        return DynamoDbCalls.deleteReportingOld(dynamo, table, Map.of("userId", s(userId)), "delete fast weights");
    }
}
