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
        if (item == null || item.isEmpty()) return Optional.empty();
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
        return DynamoDbCalls.conditional("write fast weights", () -> dynamo.putItem(b -> {
            b.tableName(table).item(item);
            if (expectedVersion == 0) {
                b.conditionExpression("attribute_not_exists(#u)").expressionAttributeNames(Map.of("#u", "userId"));
            } else {
                b.conditionExpression("#v = :expected").expressionAttributeNames(Map.of("#v", "version"))
                        .expressionAttributeValues(Map.of(":expected", n(expectedVersion)));
            }
        }));
    }

    @Override
    public boolean delete(String userId) {
        return DynamoDbCalls.deleteReportingOld(dynamo, table, Map.of("userId", s(userId)), "delete fast weights");
    }
}
