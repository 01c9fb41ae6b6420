package dev.metarec.adapter.dynamodb;

import dev.metarec.port.StoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one DynamoDB call and translates SDK failures into {@link StoreException} (keeping the cause).
 * A lost conditional write is not a failure: {@link #conditional} reports it as {@code false}.
 */
final class DynamoDbCalls {
    private DynamoDbCalls() {}

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new StoreException("DynamoDB " + what + " failed: " + e.getMessage(), e);
        }
    }

    static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** Deletes one item by key; true if there was one. */
    static boolean deleteReportingOld(DynamoDbClient dynamo, String table, Map<String, AttributeValue> key, String what) {
        return call(what, () -> dynamo.deleteItem(b -> b.tableName(table).key(key).returnValues(ReturnValue.ALL_OLD)))
                .hasAttributes();
    }

    /**
     * Reads the items with these keys with BatchGetItem (100 keys per call, consistent reads), retrying
     * unprocessed keys; items that don't exist are absent from the result.
     */
    static java.util.List<Map<String, AttributeValue>> batchGet(DynamoDbClient dynamo, String table, java.util.List<Map<String, AttributeValue>> keys) {
        java.util.List<Map<String, AttributeValue>> out = new java.util.ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += 100) {
            java.util.List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + 100));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 10) throw new StoreException("DynamoDB batch read of " + table + " left " + pending.size() + " keys unprocessed after 10 retries", null);
                var request = Map.of(table, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(pending).consistentRead(true).build());
                var response = call("batch read " + table, () -> dynamo.batchGetItem(b -> b.requestItems(request)));
                out.addAll(response.responses().getOrDefault(table, java.util.List.of()));
                var left = response.unprocessedKeys().get(table);
                pending = left == null ? java.util.List.of() : left.keys();
            }
        }
        return out;
    }

    /** True when the conditional write went through, false when its condition failed. */
    static boolean conditional(String what, Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StoreException("DynamoDB " + what + " failed: " + e.getMessage(), e);
        }
    }
}
