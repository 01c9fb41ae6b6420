package dev.metarec.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.metarec.adapter.dynamodb.AttributeValues.s;

/**
 * Deletes every item under one partition key ({@code userId}) of a table with a sort key: queries the keys
 * page by page and deletes them in batches of 25 single-item deletes (not a transaction), re-sending any
 * unprocessed ones. Idempotent: a repeated erase deletes what is left.
 */
final class UserKeyDeleter {
    private static final int BATCH = 25;
    private static final int MAX_UNPROCESSED_ROUNDS = 20;

    private final DynamoDbClient dynamo;
    private final String table;

    UserKeyDeleter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Deletes all items with this userId; returns how many keys were found and deleted. */
    int deleteAll(String userId, String sortKey) {
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#u = :u")
                .projectionExpression("#u, #s")
                .expressionAttributeNames(Map.of("#u", "userId", "#s", sortKey))
                .expressionAttributeValues(Map.of(":u", s(userId)))
                .build();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        DynamoDbCalls.run("list keys to erase", () -> dynamo.queryPaginator(request).items().forEach(keys::add));
        for (int i = 0; i < keys.size(); i += BATCH) deleteBatch(keys.subList(i, Math.min(keys.size(), i + BATCH)));
        return keys.size();
    }

    private void deleteBatch(List<Map<String, AttributeValue>> keys) {
        List<WriteRequest> pending = new ArrayList<>();
        keys.forEach(k -> pending.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build()));
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_UNPROCESSED_ROUNDS) {
                throw new dev.metarec.port.StoreException("DynamoDB kept " + pending.size()
                        + " deletes unprocessed after " + round + " rounds in table " + table);
            }
            if (round > 0) backOff(round);
            List<WriteRequest> send = List.copyOf(pending);
            var response = DynamoDbCalls.call("erase batch", () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, send))));
            pending.clear();
            if (response.hasUnprocessedItems()) pending.addAll(response.unprocessedItems().getOrDefault(table, List.of()));
        }
    }

    private static void backOff(int round) {
        try {
            Thread.sleep(Math.min(1000L, 10L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.metarec.port.StoreException("interrupted while erasing", e);
        }
    }
}
