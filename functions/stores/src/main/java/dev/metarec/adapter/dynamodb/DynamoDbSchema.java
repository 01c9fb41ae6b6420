package dev.metarec.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The table design shared with the CDK stack (infra) — keys, the {@code byTime} LSI on events (projection
 * ALL, so newest-first reads need no second fetch), on-demand billing. Used to create tables on a
 * DynamoDB-compatible test or development server; in AWS the CDK stack creates them (and sets the TTL
 * attribute {@code expiresAt}, which dynalite does not implement).
 */
public final class DynamoDbSchema {
    private DynamoDbSchema() {}

    public static List<CreateTableRequest> tables(DynamoDbTableNames names) {
        return List.of(
                CreateTableRequest.builder().tableName(names.events()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attr("userId", ScalarAttributeType.S), attr("eventId", ScalarAttributeType.S),
                                attr("ts", ScalarAttributeType.N))
                        .keySchema(key("userId", KeyType.HASH), key("eventId", KeyType.RANGE))
                        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName(DynamoDbEventStore.BY_TIME)
                                .keySchema(key("userId", KeyType.HASH), key("ts", KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                        .build(),
                single(names.items(), "itemId"),
                single(names.itemStats(), "itemId"),
                single(names.profiles(), "userId"),
                single(names.fastWeights(), "userId"),
                single(names.control(), "name"));
    }

    /** Creates every table and waits until each is ACTIVE (or {@code timeout} passes). */
    public static void createAll(DynamoDbClient dynamo, DynamoDbTableNames names, Duration timeout) {
        List<CreateTableRequest> tables = tables(names);
        tables.forEach(t -> DynamoDbCalls.run("create table " + t.tableName(), () -> dynamo.createTable(t)));
        Instant deadline = Instant.now().plus(timeout);
        for (CreateTableRequest t : tables) {
            while (dynamo.describeTable(b -> b.tableName(t.tableName())).table().tableStatus() != TableStatus.ACTIVE) {
                if (Instant.now().isAfter(deadline)) throw new IllegalStateException("table " + t.tableName() + " not ACTIVE after " + timeout);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + t.tableName(), e);
                }
            }
        }
    }

    private static CreateTableRequest single(String table, String hashKey) {
        return CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr(hashKey, ScalarAttributeType.S))
                .keySchema(key(hashKey, KeyType.HASH)).build();
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
