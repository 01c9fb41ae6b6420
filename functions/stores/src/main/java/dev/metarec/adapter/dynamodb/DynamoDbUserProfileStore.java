package dev.metarec.adapter.dynamodb;

import dev.metarec.model.UserProfile;
import dev.metarec.port.UserProfileStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.metarec.adapter.dynamodb.AttributeValues.s;

/** User profiles in the {@code profiles} table (PK {@code userId}); an upsert replaces the whole profile. */
public final class DynamoDbUserProfileStore implements UserProfileStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbUserProfileStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public void upsert(UserProfile profile) {
        DynamoDbCalls.run("upsert profile", () -> dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "userId", s(profile.userId()),
                "attributes", AttributeValues.attributes(profile.attributes())))));
    }

    @Override
    public Optional<UserProfile> find(String userId) {
        var item = DynamoDbCalls.call("read profile", () -> dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("userId", s(userId))).consistentRead(true))).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(toProfile(item));
    }

    @Override
    public void forEach(Consumer<UserProfile> consumer) {
        ScanRequest request = ScanRequest.builder().tableName(table).build();
        DynamoDbCalls.run("scan profiles", () -> dynamo.scanPaginator(request).items().forEach(i -> consumer.accept(toProfile(i))));
    }

    @Override
    public boolean delete(String userId) {
        return DynamoDbCalls.deleteReportingOld(dynamo, table, Map.of("userId", s(userId)), "delete profile");
    }

    static UserProfile toProfile(Map<String, AttributeValue> item) {
        return new UserProfile(AttributeValues.string(item, "userId"), AttributeValues.attributes(item.get("attributes")));
    }
}
