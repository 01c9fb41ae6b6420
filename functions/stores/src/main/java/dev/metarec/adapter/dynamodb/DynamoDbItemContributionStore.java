package dev.metarec.adapter.dynamodb;

import dev.metarec.port.ItemContributionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.metarec.adapter.dynamodb.AttributeValues.n;
import static dev.metarec.adapter.dynamodb.AttributeValues.s;

/**
 * Users' contributions to item statistics as items of the events table: key (userId, {@code U+0001 c U+0001 itemId})
 * (see {@link EventsTableKeys}), attributes {@code itemId, version, eventTime, eventToken, residual, positive,
 * retracting} and, for a change in flight, {@code pendingToken, pendingCount, pendingResidual, pendingPositives,
 * pendingClaimedAt}; {@code expiresAt} (TTL) = last write + the events' retention. Every write is one conditional
 * {@code PutItem}/{@code DeleteItem} on {@code version}.
 */
public final class DynamoDbItemContributionStore implements ItemContributionStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Clock clock;

    public DynamoDbItemContributionStore(DynamoDbClient dynamo, String eventsTable, Duration retention, Clock clock) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(eventsTable, "eventsTable");
        if (retention.isNegative() || retention.isZero()) throw new IllegalArgumentException("retention must be positive, was " + retention);
        this.retention = retention;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Map<String, AttributeValue> key(String userId, String itemId) {
        return Map.of("userId", s(userId), "eventId", s(EventsTableKeys.contribution(itemId)));
    }

    @Override
    public Optional<Contribution> find(String userId, String itemId) {
        var item = DynamoDbCalls.call("read item contribution", () -> dynamo.getItem(b -> b.tableName(table)
                .key(key(userId, itemId)).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toContribution(item));
    }

    @Override
    public boolean put(Contribution next, long expectedVersion) {
        if (next.version() != expectedVersion + 1)
            throw new IllegalArgumentException("version must be expectedVersion + 1 = " + (expectedVersion + 1) + ", was " + next.version());
        Map<String, AttributeValue> item = new HashMap<>(key(next.userId(), next.itemId()));
        item.put("itemId", s(next.itemId()));
        item.put("version", n(next.version()));
        item.put("eventTime", n(next.eventTime().toEpochMilli()));
        item.put("eventToken", s(next.eventToken()));
        item.put("residual", n(next.residual()));
        item.put("positive", AttributeValue.fromBool(next.positive()));
        item.put("retracting", AttributeValue.fromBool(next.retracting()));
        Change c = next.pending();
        if (c != null) {
            item.put("pendingToken", s(c.token()));
            item.put("pendingCount", n(c.count()));
            item.put("pendingResidual", n(c.residual()));
            item.put("pendingPositives", n(c.positives()));
            item.put("pendingRecentPositives", n(c.recentPositives()));
            item.put("pendingClaimedAt", n(c.claimedAt().toEpochMilli()));
        }
        item.put("expiresAt", AttributeValues.expiresAt(clock.instant().plus(retention)));
        return DynamoDbCalls.conditional("write item contribution", () -> dynamo.putItem(b -> {
            b.tableName(table).item(item);
            if (expectedVersion == 0) b.conditionExpression("attribute_not_exists(#e)").expressionAttributeNames(Map.of("#e", "eventId"));
            else b.conditionExpression("#v = :expected").expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":expected", n(expectedVersion)));
        }));
    }

    @Override
    public boolean delete(String userId, String itemId, long expectedVersion) {
        return DynamoDbCalls.conditional("delete item contribution", () -> dynamo.deleteItem(b -> b.tableName(table).key(key(userId, itemId))
                .conditionExpression("#v = :expected").expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":expected", n(expectedVersion)))));
    }

    @Override
    public List<Contribution> ofUser(String userId, int limit) {
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true).limit(limit)
                .keyConditionExpression("#u = :u AND begins_with(#e, :prefix)")
                .expressionAttributeNames(Map.of("#u", "userId", "#e", "eventId"))
                .expressionAttributeValues(Map.of(":u", s(userId), ":prefix", s(EventsTableKeys.CONTRIBUTION_PREFIX)))
                .build();
        return DynamoDbCalls.call("list item contributions", () -> dynamo.query(request).items().stream().map(DynamoDbItemContributionStore::toContribution).toList());
    }

    @Override
    public void forEachPending(Consumer<Contribution> consumer) {
        ScanRequest request = ScanRequest.builder().tableName(table).consistentRead(true)
                .filterExpression("attribute_exists(#p)")
                .expressionAttributeNames(Map.of("#p", "pendingToken"))
                .build();
        DynamoDbCalls.run("scan item contributions in flight", () -> dynamo.scanPaginator(request).items().forEach(i -> consumer.accept(toContribution(i))));
    }

    private static Contribution toContribution(Map<String, AttributeValue> item) {
        Change pending = item.containsKey("pendingToken") ? new Change(AttributeValues.string(item, "pendingToken"),
                AttributeValues.longValue(item, "pendingCount", 0), AttributeValues.doubleValue(item, "pendingResidual", 0.0),
                AttributeValues.longValue(item, "pendingPositives", 0), AttributeValues.doubleValue(item, "pendingRecentPositives", 0.0),
                AttributeValues.instant(item, "pendingClaimedAt")) : null;
        return new Contribution(AttributeValues.string(item, "userId"), AttributeValues.string(item, "itemId"),
                AttributeValues.longValue(item, "version", 0), Instant.ofEpochMilli(AttributeValues.longValue(item, "eventTime", 0)),
                AttributeValues.string(item, "eventToken"), AttributeValues.doubleValue(item, "residual", 0.0),
                Boolean.TRUE.equals(item.get("positive").bool()), item.containsKey("retracting") && Boolean.TRUE.equals(item.get("retracting").bool()),
                pending);
    }
}
