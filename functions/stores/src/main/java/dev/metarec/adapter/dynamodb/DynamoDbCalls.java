package dev.metarec.adapter.dynamodb;

import dev.metarec.port.StoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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
