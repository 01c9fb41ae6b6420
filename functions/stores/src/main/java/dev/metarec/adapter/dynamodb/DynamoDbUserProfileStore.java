package dev.metarec.adapter.dynamodb;

import dev.metarec.model.UserProfile;
import dev.metarec.port.UserProfileStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
        return Optional.of(new UserProfile(AttributeValues.string(item, "userId"), AttributeValues.attributes(item.get("attributes"))));
    }

    @Override
    public void delete(String userId) {
        DynamoDbCalls.run("delete profile", () -> dynamo.deleteItem(b -> b.tableName(table).key(Map.of("userId", s(userId)))));
    }
}
