package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.services.logs.RetentionDays;

class DeploymentSettingsTest {

    private static DeploymentSettings fromContext(Map<String, Object> context) {
        return DeploymentSettings.fromContext(new App(AppProps.builder().context(context).build()).getNode());
    }

    @Test
    void fromContext_shouldDefaultToNativeWithTheMavenZips() {
        DeploymentSettings settings = fromContext(Map.of());

        assertEquals(RuntimeMode.NATIVE, settings.runtime());
        assertEquals(CpuArchitecture.ARM64, settings.architecture());
        assertEquals(Path.of("../functions/api/target/function.zip"), settings.apiArtifact());
        assertEquals(Path.of("../functions/meta-train/target/function.zip"), settings.metaTrainArtifact());
        assertTrue(settings.reserveConcurrency());
        assertTrue(settings.retainData());
        assertEquals(RetentionDays.ONE_MONTH, settings.logRetention());
        assertEquals(Optional.empty(), settings.alarmEmail());
        assertEquals(Trainer.LAMBDA, settings.trainer());
        assertEquals(new SparkJob(Path.of("../spark/target/metarec-spark-0.1.0-SNAPSHOT-emr.jar"), List.of()),
                settings.sparkJob());
    }

    @Test
    void fromContext_shouldReadTheSparkTrainerAndItsTuningArguments() {
        DeploymentSettings settings = fromContext(Map.of("trainer", "Spark", "sparkJobArtifact", "/job.jar",
                "sparkJobArguments", " --meta-batch 4096   --steps 2500 "));

        assertEquals(Trainer.SPARK, settings.trainer());
        assertEquals(new SparkJob(Path.of("/job.jar"), List.of("--meta-batch", "4096", "--steps", "2500")),
                settings.sparkJob());
    }

    @Test
    void fromContext_shouldRefuseSparkArgumentsTheStackManages_orThatAreNotPairs() {
        IllegalArgumentException trainer = assertThrows(IllegalArgumentException.class,
                () -> fromContext(Map.of("trainer", "emr")));
        IllegalArgumentException managed = assertThrows(IllegalArgumentException.class,
                () -> fromContext(Map.of("sparkJobArguments", "--bucket other")));
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> fromContext(Map.of("sparkJobArguments", "--steps")));
        IllegalArgumentException quote = assertThrows(IllegalArgumentException.class,
                () -> fromContext(Map.of("sparkJobArguments", "--learner MAML')")));

        assertEquals("context 'trainer' is 'emr'; allowed: lambda, spark", trainer.getMessage());
        assertEquals("context 'sparkJobArguments' has '--bucket'; allowed: --fan-in, --learner, --meta-batch, "
                + "--partitions, --preset, --steps", managed.getMessage());
        assertTrue(odd.getMessage().contains("--name value pairs"), odd.getMessage());
        assertTrue(quote.getMessage().contains("the value of --learner is 'MAML')'"), quote.getMessage());
    }

    @Test
    void fromContext_shouldReadEveryKey() {
        DeploymentSettings settings = fromContext(Map.of("runtime", "JVM", "architecture", "x86_64",
                "apiArtifact", "/a.zip",
                "metaTrainArtifact", "/m.zip", "reservedConcurrency", "false", "logRetention", "one_week",
                "retainData", false, "alarmEmail", "ops@example.org"));

        assertEquals(new DeploymentSettings(RuntimeMode.JVM, CpuArchitecture.X86_64, Path.of("/a.zip"), Path.of("/m.zip"), false,
                RetentionDays.ONE_WEEK, false, Optional.of("ops@example.org"), List.of(), Map.of(), Trainer.LAMBDA,
                SparkJob.defaults()), settings);
    }

    @Test
    void fromContext_shouldNameTheKeyAndTheAllowedValues_whenAValueIsWrong() {
        IllegalArgumentException runtime = assertThrows(IllegalArgumentException.class,
                () -> fromContext(Map.of("runtime", "graal")));
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> fromContext(Map.of("retainData", "yes")));
        IllegalArgumentException retention = assertThrows(IllegalArgumentException.class,
                () -> fromContext(Map.of("logRetention", "31")));
        IllegalArgumentException cpu = assertThrows(IllegalArgumentException.class,
                () -> fromContext(Map.of("architecture", "amd64")));

        assertEquals("context 'runtime' is 'graal'; allowed: native, jvm", runtime.getMessage());
        assertEquals("context 'retainData' is 'yes'; allowed: true, false", flag.getMessage());
        assertEquals("context 'architecture' is 'amd64'; allowed: arm64, x86_64", cpu.getMessage());
        assertTrue(retention.getMessage().startsWith("context 'logRetention' is '31'"), retention.getMessage());
    }

    @Test
    void fromContext_shouldReadCorsOriginsAndExtraEnvironment() {
        DeploymentSettings settings = fromContext(Map.of(
                "corsOrigins", "https://app.example.org, http://localhost:3000",
                "env:METAREC_SERVING_STATS_REFRESH", "PT30S",
                "env:QUARKUS_LOG_LEVEL", "WARN",
                "unrelated", "x"));

        assertEquals(List.of("https://app.example.org", "http://localhost:3000"), settings.corsOrigins());
        assertEquals(Map.of("METAREC_SERVING_STATS_REFRESH", "PT30S", "QUARKUS_LOG_LEVEL", "WARN"),
                settings.extraEnvironment());
    }

    @Test
    void fromContext_shouldRefuseToOverrideWhatTheStackManages() {
        IllegalArgumentException auth = assertThrows(IllegalArgumentException.class,
                () -> fromContext(Map.of("env:METAREC_AUTH_ENABLED", "false")));
        IllegalArgumentException table = assertThrows(IllegalArgumentException.class,
                () -> fromContext(Map.of("env:METAREC_DYNAMODB_EVENTS_TABLE", "other")));
        IllegalArgumentException lower = assertThrows(IllegalArgumentException.class,
                () -> fromContext(Map.of("env:metarec_x", "1")));
        IllegalArgumentException origin = assertThrows(IllegalArgumentException.class,
                () -> fromContext(Map.of("corsOrigins", "https://app.example.org/path")));

        assertEquals("context 'env:METAREC_AUTH_ENABLED': METAREC_AUTH_* is managed by the stack and cannot be "
                + "overridden", auth.getMessage());
        assertTrue(table.getMessage().contains("METAREC_DYNAMODB_*"), table.getMessage());
        assertTrue(lower.getMessage().contains("only METAREC_* and QUARKUS_*"), lower.getMessage());
        assertTrue(origin.getMessage().startsWith("context 'corsOrigins' has 'https://app.example.org/path'"),
                origin.getMessage());
    }

    @Test
    void functionSpec_shouldRejectHttpTimeoutsBeyondApiGateway() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FunctionSpec(
                "recommend", true, 512, software.amazon.awscdk.Duration.seconds(30), null, 1, 1));

        assertTrue(e.getMessage().contains("timeout of HTTP function 'recommend'"), e.getMessage());
    }
}
