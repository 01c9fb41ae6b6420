package dev.metarec.adapter.dynamodb;

import java.util.Objects;

/**
 * The physical names of the six DynamoDB tables (from configuration {@code metarec.dynamodb.<logical>-table};
 * the CDK stack creates them with the keys described in {@link DynamoDbSchema}).
 */
public record DynamoDbTableNames(String events, String items, String itemStats, String profiles,
                                 String fastWeights, String control) {

    public DynamoDbTableNames {
        Objects.requireNonNull(events, "events table");
        Objects.requireNonNull(items, "items table");
        Objects.requireNonNull(itemStats, "item-stats table");
        Objects.requireNonNull(profiles, "profiles table");
        Objects.requireNonNull(fastWeights, "fast-weights table");
        Objects.requireNonNull(control, "control table");
    }

    /** The logical names prefixed, e.g. {@code withPrefix("metarec-")} gives {@code metarec-events}, ... */
    public static DynamoDbTableNames withPrefix(String prefix) {
        return new DynamoDbTableNames(prefix + "events", prefix + "items", prefix + "item-stats",
                prefix + "profiles", prefix + "fast-weights", prefix + "control");
    }
}
