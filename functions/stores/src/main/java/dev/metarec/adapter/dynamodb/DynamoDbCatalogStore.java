package dev.metarec.adapter.dynamodb;

import dev.metarec.model.Item;
import dev.metarec.port.CatalogStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.metarec.adapter.dynamodb.AttributeValues.n;
import static dev.metarec.adapter.dynamodb.AttributeValues.s;

/**
 * The catalogue in the {@code items} table (PK {@code itemId}). Every upsert then bumps the catalogue
 * version counter in the {@code control} table, so a reader that cached {@link #all()} under an older
 * version reloads; if the bump fails the upsert fails and its retry bumps again (a version that moves
 * more than once is harmless, one that does not move would hide a new item).
 */
public final class DynamoDbCatalogStore implements CatalogStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbControl control;

    public DynamoDbCatalogStore(DynamoDbClient dynamo, String table, DynamoDbControl control) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.control = Objects.requireNonNull(control, "control");
    }

    @Override
    public void upsert(Item item) {
        Map<String, AttributeValue> record = new HashMap<>();
        record.put("itemId", s(item.itemId()));
        record.put("attributes", AttributeValues.attributes(item.attributes()));
        item.release().ifPresent(r -> record.put("releasedAt", n(r.toEpochMilli())));
        DynamoDbCalls.run("upsert item", () -> dynamo.putItem(b -> b.tableName(table).item(record)));
        control.increment(DynamoDbControl.CATALOGUE_VERSION);
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

    private static Item toItem(Map<String, AttributeValue> item) {
        Instant released = AttributeValues.instant(item, "releasedAt");
        return new Item(AttributeValues.string(item, "itemId"), AttributeValues.attributes(item.get("attributes")), released);
    }
}
