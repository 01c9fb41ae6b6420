package dev.metarec.adapter.dynamodb;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.port.EventStore;
import dev.metarec.port.StatsTokens;
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
import java.util.Optional;
import java.util.function.Consumer;

import static dev.metarec.adapter.dynamodb.AttributeValues.n;
import static dev.metarec.adapter.dynamodb.AttributeValues.s;

/**
 * The event log in the {@code events} table (PK {@code userId}, SK {@code eventId}, LSI {@code byTime} on
 * {@code ts}). Each event is one conditional put ({@code attribute_not_exists(eventId)}), so the item itself
 * is the idempotency record: a redelivery loses the condition and is reported as "not new". Events carry
 * the TTL attribute {@code expiresAt} = ingestion time + retention. The item-statistics state rides on the
 * event item: {@code statsToken} (S, random, fixed at the first write), {@code statsApplied} (BOOL) and
 * {@code statsClaimAt} (N, epoch ms); claims and marks are conditional {@code UpdateItem}s that never create
 * an item (an erased event stays erased). An event without {@code statsApplied} predates the tracking and
 * counts as applied.
 */
public final class DynamoDbEventStore implements EventStore {
    static final String BY_TIME = "byTime";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoDbEventStore(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        if (retention.isNegative() || retention.isZero()) throw new IllegalArgumentException("retention must be positive, was " + retention);
        this.retention = retention;
    }

    @Override
    public Appended appendTracked(Event event, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("userId", s(event.userId()));
        item.put("eventId", s(event.eventId()));
        item.put("itemId", s(event.itemId()));
        item.put("type", s(event.type().name()));
        if (event.value() != null) item.put("value", n(event.value()));
        item.put("ts", n(event.timestamp().toEpochMilli()));
        item.put("expiresAt", AttributeValues.expiresAt(now.plus(retention)));
        String token = StatsTokens.next(now);
        item.put("statsToken", s(token));
        item.put("statsApplied", AttributeValue.fromBool(false));
        item.put("statsClaimAt", n(now.toEpochMilli()));
        boolean stored = DynamoDbCalls.conditional("append event", () -> dynamo.putItem(b -> b.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#e)")
                .expressionAttributeNames(Map.of("#e", "eventId"))));
        if (stored) return new Appended(true, event, false, token);
        var existing = DynamoDbCalls.call("read event", () -> dynamo.getItem(b -> b.tableName(table).key(key(event.userId(), event.eventId()))
                .consistentRead(true))).item();
        if (existing == null || existing.isEmpty())  // erased between the two calls: report as a duplicate already settled
            return new Appended(false, event, true, null);
        AttributeValue applied = existing.get("statsApplied");
        return new Appended(false, toEvent(existing), applied == null || Boolean.TRUE.equals(applied.bool()),
                existing.containsKey("statsToken") ? existing.get("statsToken").s() : null);
    }

    @Override
    public Optional<String> claimStats(String userId, String eventId, Instant now, Duration lease) {
        var response = new software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse[1];
        boolean claimed = DynamoDbCalls.conditional("claim event stats", () -> response[0] = dynamo.updateItem(b -> b.tableName(table)
                .key(key(userId, eventId))
                .updateExpression("SET #c = :now")
                .conditionExpression("attribute_exists(#e) AND #a = :false AND #c <= :cutoff")
                .expressionAttributeNames(Map.of("#c", "statsClaimAt", "#e", "eventId", "#a", "statsApplied"))
                .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":false", AttributeValue.fromBool(false),
                        ":cutoff", n(now.minus(lease).toEpochMilli())))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)));
        return claimed ? Optional.of(response[0].attributes().get("statsToken").s()) : Optional.empty();
    }

    @Override
    public void markStatsApplied(String userId, String eventId) {
        DynamoDbCalls.conditional("mark event stats applied", () -> dynamo.updateItem(b -> b.tableName(table)
                .key(key(userId, eventId))
                .updateExpression("SET #a = :true")
                .conditionExpression("attribute_exists(#e)")
                .expressionAttributeNames(Map.of("#a", "statsApplied", "#e", "eventId"))
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))));
    }

    private static Map<String, AttributeValue> key(String userId, String eventId) {
        return Map.of("userId", s(userId), "eventId", s(eventId));
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
        QueryRequest request = eventsOf(userId).select(Select.COUNT).build();
        return DynamoDbCalls.call("count events", () -> dynamo.queryPaginator(request).stream().mapToLong(QueryResponse::count).sum());
    }

    @Override
    public void forEach(Consumer<Event> consumer) {
        ScanRequest request = ScanRequest.builder().tableName(table)
                .filterExpression("#e >= :first")
                .expressionAttributeNames(Map.of("#e", "eventId"))
                .expressionAttributeValues(Map.of(":first", s(EventsTableKeys.FIRST_EVENT_ID)))
                .build();
        DynamoDbCalls.run("scan events", () -> dynamo.scanPaginator(request).items().forEach(i -> consumer.accept(toEvent(i))));
    }

    @Override
    public void forEachUnappliedStatsToken(Consumer<String> consumer) {
        ScanRequest request = ScanRequest.builder().tableName(table)
                .filterExpression("#a = :false")
                .projectionExpression("#t")
                .expressionAttributeNames(Map.of("#a", "statsApplied", "#t", "statsToken"))
                .expressionAttributeValues(Map.of(":false", AttributeValue.fromBool(false)))
                .build();
        DynamoDbCalls.run("scan unapplied statistics tokens", () -> dynamo.scanPaginator(request).items().forEach(i -> {
            AttributeValue t = i.get("statsToken");
            if (t != null && t.s() != null) consumer.accept(t.s());
        }));
    }

    @Override
    public void forEachUnappliedStats(Instant claimedAtOrBefore, Consumer<Event> consumer) {
        ScanRequest request = ScanRequest.builder().tableName(table)
                .filterExpression("#a = :false AND #c <= :cutoff")
                .expressionAttributeNames(Map.of("#a", "statsApplied", "#c", "statsClaimAt"))
                .expressionAttributeValues(Map.of(":false", AttributeValue.fromBool(false), ":cutoff", n(claimedAtOrBefore.toEpochMilli())))
                .build();
        DynamoDbCalls.run("scan events with unapplied statistics",
                () -> dynamo.scanPaginator(request).items().forEach(i -> consumer.accept(toEvent(i))));
    }

    @Override
    public int eraseUser(String userId) {
        int removed = 0;
        for (ErasedPage page = eraseUserPage(userId, 1000); ; page = eraseUserPage(userId, 1000)) {
            removed += page.removed();
            if (!page.more()) return removed;
        }
    }

    /**
     * Deletes up to {@code max} of the user's events, one conditional-free {@code DeleteItem} each (no
     * BatchWriteItem: the erase role may then delete and nothing else), never the user's contribution and quota
     * records (the erase takes contributions back through their own store; quotas expire).
     */
    @Override
    public ErasedPage eraseUserPage(String userId, int max) {
        if (max < 1) throw new IllegalArgumentException("max must be >= 1, was " + max);
        List<Map<String, AttributeValue>> keys = eventKeys(userId, max);
        for (Map<String, AttributeValue> k : keys)
            DynamoDbCalls.run("erase event", () -> dynamo.deleteItem(b -> b.tableName(table).key(k)));
        return new ErasedPage(keys.size(), !eventKeys(userId, 1).isEmpty());
    }

    private List<Map<String, AttributeValue>> eventKeys(String userId, int limit) {
        QueryRequest request = eventsOf(userId).projectionExpression("#u, #e").limit(limit).build();
        return DynamoDbCalls.call("list events to erase", () -> dynamo.query(request).items());
    }

    /** The user's events (not their contribution or quota records): sort key at or after {@link EventsTableKeys#FIRST_EVENT_ID}. */
    private QueryRequest.Builder eventsOf(String userId) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#u = :u AND #e >= :first")
                .expressionAttributeNames(Map.of("#u", "userId", "#e", "eventId"))
                .expressionAttributeValues(Map.of(":u", s(userId), ":first", s(EventsTableKeys.FIRST_EVENT_ID)));
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
