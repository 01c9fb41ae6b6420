package dev.metarec.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which meta-trainer the schedule drives (context {@code trainer}).
 *
 * <ul>
 *   <li>{@link #LAMBDA} (default): the meta-train function, resumable past 15 minutes, scanning the events
 *       table itself. For deployments up to the threshold in docs/DEPLOY.md.</li>
 *   <li>{@link #SPARK}: a Step Functions state machine exports the events, items and profiles tables to S3
 *       and runs the {@code spark/} job on EMR Serverless ({@link SparkTrainer}). The meta-train function
 *       stays deployed (and can be invoked by hand), but the schedule no longer invokes it.</li>
 * </ul>
 */
public enum Trainer {
    LAMBDA,
    SPARK;

    /** The name used in context and messages: {@code lambda} or {@code spark}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Trainer parse(String value) {
        for (Trainer t : values()) {
            if (t.id().equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("context 'trainer' is '" + value + "'; allowed: "
                + Arrays.stream(values()).map(Trainer::id).collect(Collectors.joining(", ")));
    }
}
