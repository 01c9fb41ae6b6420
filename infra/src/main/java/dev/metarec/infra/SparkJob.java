package dev.metarec.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Spark job the {@link Trainer#SPARK} trainer runs.
 *
 * @param artifact  {@code sparkJobArtifact}: the shaded job jar ({@code ./mvnw -pl spark -am -Pemr package}),
 *                  uploaded as a CDK asset
 * @param arguments {@code sparkJobArguments}: tuning arguments appended to the ones the stack manages, as
 *                  {@code --name value} pairs; only the job's tuning options ({@link #TUNING_OPTIONS}) are
 *                  accepted, never the inputs, bucket or table the stack passes itself
 */
public record SparkJob(Path artifact, List<String> arguments) {

    /** Relative to the infra directory, where {@code cdk.json} runs the app. */
    public static final String DEFAULT_ARTIFACT = "../spark/target/metarec-spark-0.1.0-SNAPSHOT-emr.jar";
    /** The options of {@code SparkMetaTrainMain} a deployment may set. */
    public static final Set<String> TUNING_OPTIONS =
            Set.of("preset", "learner", "steps", "meta-batch", "partitions", "fan-in");

    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.-]+");

    public SparkJob {
        if (artifact == null || arguments == null) {
            throw new IllegalArgumentException("the Spark job needs an artifact path and an argument list (List.of() for none)");
        }
        if (arguments.size() % 2 != 0) {
            throw new IllegalArgumentException("context 'sparkJobArguments' must be --name value pairs, got " + arguments);
        }
        for (int i = 0; i < arguments.size(); i += 2) {
            String name = arguments.get(i);
            String value = arguments.get(i + 1);
            if (!name.startsWith("--") || !TUNING_OPTIONS.contains(name.substring(2))) {
                throw new IllegalArgumentException("context 'sparkJobArguments' has '" + name + "'; allowed: --"
                        + String.join(", --", TUNING_OPTIONS.stream().sorted().toList()));
            }
            if (!VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("context 'sparkJobArguments': the value of " + name + " is '"
                        + value + "'; allowed: letters, digits, '_', '.', '-'");
            }
        }
        arguments = List.copyOf(arguments);
    }

    public static SparkJob defaults() {
        return new SparkJob(Path.of(DEFAULT_ARTIFACT), List.of());
    }

    /** Reads {@code sparkJobArguments} as whitespace-separated words. */
    static List<String> words(String text) {
        return new ArrayList<>(Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
    }
}
