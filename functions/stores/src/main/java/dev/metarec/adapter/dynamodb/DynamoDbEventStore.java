package dev.metarec.adapter.dynamodb;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.port.EventStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import static dev.metarec.adapter.dynamodb.AttributeValues.n;
import static dev.metarec.adapter.dynamodb.AttributeValues.s;

/**
 * The event log in the {@code events} table (PK {@code userId}, SK {@code eventId}, LSI {@code byTime} on
 * {@code ts}). Each event is one conditional put ({@code attribute_not_exists(eventId)}), so the item itself
 * is the idempotency record: a redelivery loses the condition and is reported as "not new". Events carry
 * the TTL attribute {@code expiresAt} = ingestion time + retention.
 */
public final class DynamoDbEventStore implements EventStore {
    static final String BY_TIME = "byTime";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final UserKeyDeleter deleter;

    public DynamoDbEventStore(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        if (retention.isNegative() || retention.isZero()) throw new IllegalArgumentException("retention must be positive, was " + retention);
        this.retention = retention;
        this.deleter = new UserKeyDeleter(dynamo, table);
    }

    @Override
    public boolean append(Event event, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("userId", s(event.userId()));
        item.put("eventId", s(event.eventId()));
        item.put("itemId", s(event.itemId()));
        item.put("type", s(event.type().name()));
        if (event.value() != null) item.put("value", n(event.value()));
        item.put("ts", n(event.timestamp().toEpochMilli()));
        item.put("expiresAt", AttributeValues.expiresAt(now.plus(retention)));
        return DynamoDbCalls.conditional("append event", () -> dynamo.putItem(b -> b.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#e)")
                .expressionAttributeNames(Map.of("#e", "eventId"))));
    }

    @Override
    public List<Event> recent(String userId, int limit) {
        if (limit <= 0) throw new IllegalArgumentException("limit must be positive, was " + limit);
        List<Event> events = new ArrayList<>(Math.min(limit, 1024));
        QueryRequest request = byUser(userId).indexName(BY_TIME).scanIndexForward(false).limit(Math.min(limit, 1000)).build();
        DynamoDbCalls.run("read recent events", () -> {
            for (var item : dynamo.queryPaginator(request).items()) {
                events.add(toEvent(item));
                if (events.size() == limit) break;
            }
        });
        return events;
    }

    @Override
    public long count(String userId) {
        QueryRequest request = byUser(userId).select(Select.COUNT).build();
        return DynamoDbCalls.call("count events", () -> dynamo.queryPaginator(request).stream().mapToLong(QueryResponse::count).sum());
    }

    @Override
    public void forEach(Consumer<Event> consumer) {
        ScanRequest request = ScanRequest.builder().tableName(table).build();
        DynamoDbCalls.run("scan events", () -> dynamo.scanPaginator(request).items().forEach(i -> consumer.accept(toEvent(i))));
    }

    @Override
    public int eraseUser(String userId) {
        return deleter.deleteAll(userId, "eventId");
    }

    private QueryRequest.Builder byUser(String userId) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#u = :u")
                .expressionAttributeNames(Map.of("#u", "userId"))
                .expressionAttributeValues(Map.of(":u", s(userId)));
    }

    static Event toEvent(Map<String, AttributeValue> item) {
        AttributeValue value = item.get("value");
        return new Event(
                AttributeValues.string(item, "eventId"),
                AttributeValues.string(item, "userId"),
                AttributeValues.string(item, "itemId"),
                EventType.valueOf(AttributeValues.string(item, "type")),
                value == null || value.n() == null ? null : Double.valueOf(value.n()),
                Instant.ofEpochMilli(AttributeValues.longValue(item, "ts", 0)));
    }
}
