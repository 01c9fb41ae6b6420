package dev.metarec.adapter.dynamodb;

import dev.metarec.port.ItemStatsStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static dev.metarec.adapter.dynamodb.AttributeValues.n;
import static dev.metarec.adapter.dynamodb.AttributeValues.s;

/**
 * Per-item counters in the {@code item-stats} table (PK {@code itemId}), changed only by one atomic
 * {@code ADD} per call, so concurrent adds from many functions never lose an increment ({@code recentPositives} is a
 * forward-decayed sum, {@link dev.metarec.rank.Recency}, so it too only ever needs an {@code ADD}; an item written
 * before it existed reads it as 0). {@link #addOnce}
 * adds the event's token to the string set {@code pending} in the same {@code UpdateItem}, conditional on
 * {@code NOT contains(pending, token)}; {@link #settle} removes it ({@code DELETE}, only on an existing item).
 */
public final class DynamoDbItemStatsStore implements ItemStatsStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbItemStatsStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public void add(String itemId, long count, double residualSum, long positives, double recentPositives) {
        requireFinite(itemId, residualSum, recentPositives);
        DynamoDbCalls.run("add item stats", () -> dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("itemId", s(itemId)))
                .updateExpression("ADD #c :c, #r :r, #p :p, #d :d")
                .expressionAttributeNames(Map.of("#c", "count", "#r", "residualSum", "#p", "positives", "#d", "recentPositives"))
                .expressionAttributeValues(Map.of(":c", n(count), ":r", n(residualSum), ":p", n(positives), ":d", n(recentPositives)))));
    }

    private static void requireFinite(String itemId, double residualSum, double recentPositives) {
        if (!Double.isFinite(residualSum))
            throw new IllegalArgumentException("residualSum must be finite, was " + residualSum + " for item " + itemId);
        if (!Double.isFinite(recentPositives))
            throw new IllegalArgumentException("recentPositives must be finite, was " + recentPositives + " for item " + itemId);
    }

    @Override
    public boolean addOnce(String itemId, String token, long count, double residualSum, long positives, double recentPositives) {
        requireFinite(itemId, residualSum, recentPositives);
        return DynamoDbCalls.conditional("add item stats once", () -> dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("itemId", s(itemId)))
                .updateExpression("ADD #c :c, #r :r, #p :p, #d :d, #q :tokens")
                .conditionExpression("NOT contains(#q, :token)")
                .expressionAttributeNames(Map.of("#c", "count", "#r", "residualSum", "#p", "positives", "#d", "recentPositives", "#q", "pending"))
                .expressionAttributeValues(Map.of(":c", n(count), ":r", n(residualSum), ":p", n(positives), ":d", n(recentPositives),
                        ":tokens", AttributeValue.fromSs(java.util.List.of(token)), ":token", s(token)))));
    }

    @Override
    public void settle(String itemId, String token) {
        DynamoDbCalls.conditional("settle item stats token", () -> dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("itemId", s(itemId)))
                .updateExpression("DELETE #q :tokens")
                .conditionExpression("attribute_exists(#i)")
                .expressionAttributeNames(Map.of("#q", "pending", "#i", "itemId"))
                .expressionAttributeValues(Map.of(":tokens", AttributeValue.fromSs(java.util.List.of(token))))));
    }

    @Override
    public Set<String> pending(String itemId) {
        var item = DynamoDbCalls.call("read item stats", () -> dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("itemId", s(itemId))).consistentRead(true))).item();
        return item == null || !item.containsKey("pending") ? Set.of() : new HashSet<>(item.get("pending").ss());
    }

    @Override
    public Map<String, Set<String>> allPending() {
        Map<String, Set<String>> all = new HashMap<>();
        ScanRequest request = ScanRequest.builder().tableName(table).consistentRead(true)
                .filterExpression("attribute_exists(#q)").projectionExpression("#i, #q")
                .expressionAttributeNames(Map.of("#q", "pending", "#i", "itemId")).build();
        DynamoDbCalls.run("scan pending item stats tokens", () -> dynamo.scanPaginator(request).items()
                .forEach(i -> all.put(AttributeValues.string(i, "itemId"), new HashSet<>(i.get("pending").ss()))));
        return all;
    }

    @Override
    public Optional<ItemStats> find(String itemId) {
        var item = DynamoDbCalls.call("read item stats", () -> dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("itemId", s(itemId))).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toStats(item));
    }

    @Override
    public Map<String, ItemStats> all() {
        Map<String, ItemStats> all = new HashMap<>();
        ScanRequest request = ScanRequest.builder().tableName(table).consistentRead(true).build();
        DynamoDbCalls.run("scan item stats", () -> dynamo.scanPaginator(request).items().forEach(i -> {
            ItemStats stats = toStats(i);
            all.put(stats.itemId(), stats);
        }));
        return all;
    }

    private static ItemStats toStats(Map<String, AttributeValue> item) {
        return new ItemStats(AttributeValues.string(item, "itemId"), AttributeValues.longValue(item, "count", 0),
                AttributeValues.doubleValue(item, "residualSum", 0.0), AttributeValues.longValue(item, "positives", 0),
                AttributeValues.doubleValue(item, "recentPositives", 0.0));
    }
}
