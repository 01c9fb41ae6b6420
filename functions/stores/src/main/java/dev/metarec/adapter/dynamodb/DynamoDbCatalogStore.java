package dev.metarec.adapter.dynamodb;

import dev.metarec.model.Item;
import dev.metarec.port.CatalogStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.metarec.adapter.dynamodb.AttributeValues.n;
import static dev.metarec.adapter.dynamodb.AttributeValues.s;

/**
 * The catalogue in the {@code items} table (PK {@code itemId}). Every upsert then bumps the catalogue
 * version counter in the {@code control} table and logs the change there (item {@code name =
 * catalogue-change#<version>}, attribute {@code itemId}, TTL {@code expiresAt} after {@link #LOG_RETENTION};
 * a conditional UpdateItem that never overwrites), so a reader at an older version fetches just the changed
 * items ({@link #changes}, {@link #findAll}: BatchGetItem) instead of scanning. If the bump or the log write
 * fails the upsert fails and its retry bumps again (a version that moves more than once, or has no log
 * entry, makes readers wait briefly and then rescan; one that does not move would hide a new item).
 */
public final class DynamoDbCatalogStore implements CatalogStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbControl control;
    private final Clock clock;
    /** How long change-log entries live (DynamoDB TTL); a reader further behind rescans. */
    static final Duration LOG_RETENTION = Duration.ofDays(2);

    public DynamoDbCatalogStore(DynamoDbClient dynamo, String table, DynamoDbControl control) {
        this(dynamo, table, control, Clock.systemUTC());
    }

    public DynamoDbCatalogStore(DynamoDbClient dynamo, String table, DynamoDbControl control, Clock clock) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.control = Objects.requireNonNull(control, "control");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void upsert(Item item) {
        Map<String, AttributeValue> record = new HashMap<>();
        record.put("itemId", s(item.itemId()));
        record.put("attributes", AttributeValues.attributes(item.attributes()));
        item.release().ifPresent(r -> record.put("releasedAt", n(r.toEpochMilli())));
        DynamoDbCalls.run("upsert item", () -> dynamo.putItem(b -> b.tableName(table).item(record)));
        long version = control.increment(DynamoDbControl.CATALOGUE_VERSION);
        control.logChange(version, item.itemId(), clock.instant().plus(LOG_RETENTION));
    }

    @Override
    public Map<Long, String> changes(long after, long upTo) {
        if (upTo - after > MAX_CHANGES) throw new IllegalArgumentException("at most " + MAX_CHANGES + " versions at once, asked for " + (upTo - after));
        return control.changes(after, upTo);
    }

    @Override
    public List<Item> findAll(Collection<String> itemIds) {
        List<Map<String, AttributeValue>> keys = itemIds.stream().distinct().map(id -> Map.of("itemId", s(id))).toList();
        List<Item> items = new ArrayList<>(keys.size());
        DynamoDbCalls.batchGet(dynamo, table, keys).forEach(i -> items.add(toItem(i)));
        return items;
    }

    @Override
    public Optional<Item> find(String itemId) {
        var item = DynamoDbCalls.call("read item", () -> dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("itemId", s(itemId))).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toItem(item));
    }

    @Override
    public List<Item> all() {
        List<Item> items = new ArrayList<>();
        ScanRequest request = ScanRequest.builder().tableName(table).consistentRead(true).build();
        DynamoDbCalls.run("scan items", () -> dynamo.scanPaginator(request).items().forEach(i -> items.add(toItem(i))));
        return items;
    }

    @Override
    public long version() {
        return control.counter(DynamoDbControl.CATALOGUE_VERSION);
    }

    static Item toItem(Map<String, AttributeValue> item) {
        Instant released = AttributeValues.instant(item, "releasedAt");
        return new Item(AttributeValues.string(item, "itemId"), AttributeValues.attributes(item.get("attributes")), released);
    }
}
