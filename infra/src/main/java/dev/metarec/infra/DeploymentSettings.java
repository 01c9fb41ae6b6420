package dev.metarec.infra;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * Synth-time choices, read from CDK context ({@code -c key=value} or {@code cdk.json}).
 * Deploy-time values (JWT issuer and audience, admin scope, meta-train schedule) are CloudFormation
 * parameters instead, see {@link MetarecStack}.
 *
 * @param runtime             {@code runtime}: native (default) or jvm
 * @param architecture        {@code architecture}: arm64 (default) or x86_64; a native build must match it
 * @param apiArtifact         {@code apiArtifact}: zip (or directory) of metarec-api
 * @param metaTrainArtifact   {@code metaTrainArtifact}: zip (or directory) of metarec-meta-train
 * @param reserveConcurrency  {@code reservedConcurrency}: false for accounts whose concurrency quota is
 *                            too small to reserve any (new accounts start at 10)
 * @param logRetention        {@code logRetention}: a {@link RetentionDays} name, default ONE_MONTH
 * @param retainData          {@code retainData}: keep tables and bucket when the stack is deleted
 *                            (default true; false for throw-away stacks)
 * @param alarmEmail          {@code alarmEmail}: address subscribed to the alarm topic, optional
 * @param corsOrigins         {@code corsOrigins}: comma-separated browser origins allowed to call the API
 *                            (mobile apps need none); empty = no CORS
 * @param extraEnvironment    {@code env:<NAME>} keys: additional function environment, see {@link ExtraEnvironment}
 * @param trainer             {@code trainer}: lambda (default) or spark, see {@link Trainer}
 * @param sparkJob            {@code sparkJobArtifact}, {@code sparkJobArguments}: the job the spark trainer runs
 */
public record DeploymentSettings(RuntimeMode runtime, CpuArchitecture architecture, Path apiArtifact,
                                 Path metaTrainArtifact, boolean reserveConcurrency, RetentionDays logRetention,
                                 boolean retainData, Optional<String> alarmEmail, List<String> corsOrigins,
                                 Map<String, String> extraEnvironment, Trainer trainer, SparkJob sparkJob) {

    /** Relative to the infra directory, where {@code cdk.json} runs the app. */
    public static final String DEFAULT_API_ARTIFACT = "../functions/api/target/function.zip";
    public static final String DEFAULT_META_TRAIN_ARTIFACT = "../functions/meta-train/target/function.zip";

    public DeploymentSettings {
        if (runtime == null || architecture == null || apiArtifact == null || metaTrainArtifact == null
                || logRetention == null || alarmEmail == null || corsOrigins == null || extraEnvironment == null
                || trainer == null || sparkJob == null) {
            throw new IllegalArgumentException("every deployment setting is required (use Optional.empty(), "
                    + "List.of() or Map.of() for none)");
        }
        for (String origin : corsOrigins) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("context 'corsOrigins' has '" + origin
                        + "'; allowed: origins such as https://app.example.org (scheme and host, no path), or *");
            }
        }
        extraEnvironment.keySet().forEach(ExtraEnvironment::validName);
        corsOrigins = List.copyOf(corsOrigins);
        extraEnvironment = Map.copyOf(extraEnvironment);
    }

    /** Defaults with the given artifacts; for tests and programmatic use. */
    public static DeploymentSettings defaults(RuntimeMode runtime, Path apiArtifact, Path metaTrainArtifact) {
        return new DeploymentSettings(runtime, CpuArchitecture.ARM64, apiArtifact, metaTrainArtifact, true,
                RetentionDays.ONE_MONTH, true, Optional.empty(), List.of(), Map.of(), Trainer.LAMBDA, SparkJob.defaults());
    }

    public DeploymentSettings withReserveConcurrency(boolean reserve) {
        return new DeploymentSettings(runtime, architecture, apiArtifact, metaTrainArtifact, reserve, logRetention,
                retainData, alarmEmail, corsOrigins, extraEnvironment, trainer, sparkJob);
    }

    public DeploymentSettings withArchitecture(CpuArchitecture cpu) {
        return new DeploymentSettings(runtime, cpu, apiArtifact, metaTrainArtifact, reserveConcurrency,
                logRetention, retainData, alarmEmail, corsOrigins, extraEnvironment, trainer, sparkJob);
    }

    public DeploymentSettings withRetainData(boolean retain) {
        return new DeploymentSettings(runtime, architecture, apiArtifact, metaTrainArtifact, reserveConcurrency,
                logRetention, retain, alarmEmail, corsOrigins, extraEnvironment, trainer, sparkJob);
    }

    public DeploymentSettings withAlarmEmail(String email) {
        return new DeploymentSettings(runtime, architecture, apiArtifact, metaTrainArtifact, reserveConcurrency,
                logRetention, retainData, Optional.ofNullable(email), corsOrigins, extraEnvironment, trainer, sparkJob);
    }

    public DeploymentSettings withCors(List<String> origins) {
        return new DeploymentSettings(runtime, architecture, apiArtifact, metaTrainArtifact, reserveConcurrency,
                logRetention, retainData, alarmEmail, origins, extraEnvironment, trainer, sparkJob);
    }

    public DeploymentSettings withExtraEnvironment(Map<String, String> env) {
        return new DeploymentSettings(runtime, architecture, apiArtifact, metaTrainArtifact, reserveConcurrency,
                logRetention, retainData, alarmEmail, corsOrigins, env, trainer, sparkJob);
    }

    /** The spark trainer with the given job jar and tuning arguments. */
    public DeploymentSettings withSparkTrainer(SparkJob job) {
        return new DeploymentSettings(runtime, architecture, apiArtifact, metaTrainArtifact, reserveConcurrency,
                logRetention, retainData, alarmEmail, corsOrigins, extraEnvironment, Trainer.SPARK, job);
    }

    /** Reads the settings from the app's context; unknown values fail with the key and what is allowed. */
    public static DeploymentSettings fromContext(Node node) {
        return new DeploymentSettings(
                RuntimeMode.parse(string(node, "runtime", "native")),
                CpuArchitecture.parse(string(node, "architecture", CpuArchitecture.ARM64.id())),
                Path.of(string(node, "apiArtifact", DEFAULT_API_ARTIFACT)),
                Path.of(string(node, "metaTrainArtifact", DEFAULT_META_TRAIN_ARTIFACT)),
                bool(node, "reservedConcurrency", true),
                retention(string(node, "logRetention", RetentionDays.ONE_MONTH.name())),
                bool(node, "retainData", true),
                Optional.ofNullable(node.tryGetContext("alarmEmail")).map(Object::toString)
                        .filter(s -> !s.isBlank()),
                Arrays.stream(string(node, "corsOrigins", "").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(),
                ExtraEnvironment.fromContext(node.getAllContext()),
                Trainer.parse(string(node, "trainer", Trainer.LAMBDA.id())),
                new SparkJob(Path.of(string(node, "sparkJobArtifact", SparkJob.DEFAULT_ARTIFACT)),
                        SparkJob.words(string(node, "sparkJobArguments", ""))));
    }

    private static String string(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    static boolean bool(Node node, String key, boolean fallback) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return fallback;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(
                    "context '" + key + "' is '" + value + "'; allowed: true, false");
        };
    }

    static RetentionDays retention(String value) {
        try {
            return RetentionDays.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("context 'logRetention' is '" + value
                    + "'; allowed: a RetentionDays name such as ONE_WEEK, ONE_MONTH, SIX_MONTHS, ONE_YEAR", e);
        }
    }
}
