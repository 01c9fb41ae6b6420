package dev.metarec.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CloudFormationValidatePlugin;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesises the stack once per variant and shares it between test classes (a synth costs seconds:
 * the CDK runs in a jsii node process). The function code is a placeholder directory created here,
 * so the tests need no build of the functions.
 */
final class Synth {

    /** A synthesised stack, its template, and the template as JSON maps. */
    record Result(MetarecStack stack, Template template, Map<String, Object> json, Path outdir) {

        String logicalId(software.constructs.IConstruct construct) {
            return stack.getLogicalId((software.amazon.awscdk.CfnElement) construct.getNode().getDefaultChild());
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> resources() {
            return (Map<String, Object>) json.get("Resources");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> resource(String logicalId) {
            Map<String, Object> resource = (Map<String, Object>) resources().get(logicalId);
            if (resource == null) {
                throw new AssertionError("no resource " + logicalId);
            }
            return resource;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> properties(String logicalId) {
            return (Map<String, Object>) resource(logicalId).get("Properties");
        }

        /** Logical ids of all resources of a CloudFormation type. */
        List<String> ofType(String type) {
            return resources().entrySet().stream()
                    .filter(e -> type.equals(((Map<?, ?>) e.getValue()).get("Type")))
                    .map(Map.Entry::getKey).sorted().toList();
        }
    }

    /** Native, default settings. */
    static final String NATIVE = "native";
    /** JVM + SnapStart on x86_64, data not retained, no reserved concurrency, alarm e-mail, CORS, extra env. */
    static final String JVM_VARIANT = "jvm";
    /** Native defaults, but the schedule drives the Spark trainer (with tuning arguments). */
    static final String SPARK_VARIANT = "spark";
    /** The Spark variant's tuning arguments. */
    static final List<String> SPARK_TUNING = List.of("--meta-batch", "1024", "--steps", "2500");

    private static final Map<String, Result> CACHE = new HashMap<>();

    private Synth() {
    }

    static synchronized Result nativeDefaults() {
        return CACHE.computeIfAbsent(NATIVE, k -> synth(RuntimeMode.NATIVE, UnaryOperator.identity()));
    }

    static synchronized Result jvmVariant() {
        return CACHE.computeIfAbsent(JVM_VARIANT, k -> synth(RuntimeMode.JVM, s -> s
                .withArchitecture(CpuArchitecture.X86_64).withRetainData(false).withReserveConcurrency(false)
                .withCors(java.util.List.of("https://app.example.org"))
                .withExtraEnvironment(Map.of("METAREC_SERVING_STATS_REFRESH", "PT30S")).withAlarmEmail("ops@example.org")));
    }

    static synchronized Result sparkVariant() {
        return CACHE.computeIfAbsent(SPARK_VARIANT, k -> synth(RuntimeMode.NATIVE,
                s -> s.withSparkTrainer(new SparkJob(sparkJobJar(), SPARK_TUNING))));
    }

    static Result synth(RuntimeMode mode, UnaryOperator<DeploymentSettings> customise) {
        Path api = placeholder("api", mode);
        Path metaTrain = placeholder("meta-train", mode);
        DeploymentSettings settings = customise.apply(DeploymentSettings.defaults(mode, api, metaTrain));
        Path outdir = tempDir("cdk-out");
        App app = validatingApp(outdir);
        MetarecStack stack = new MetarecStack(app, "MetarecTest", StackProps.builder().build(), settings);
        Template template = Template.fromStack(stack);
        return new Result(stack, template, template.toJSON(), outdir);
    }

    /**
     * An app that runs the CDK's CloudFormation template validation (its built-in rule set, registered
     * explicitly so that neither the environment, {@code CDK_VALIDATION=false}, nor a CDK default can
     * switch it off) on every synth and writes every finding, warnings included, as an error to
     * {@value #VALIDATION_REPORT} in the output directory instead of failing the synth, so that a test
     * can read them.
     */
    static App validatingApp(Path outdir) {
        App app = new App(AppProps.builder().outdir(outdir.toString()).context(Map.of(
                "@aws-cdk/core:validateAgainstDefaultRules", true,
                "@aws-cdk/core:strictCfnValidateErrors", true,
                "@aws-cdk/core:failSynthOnValidationErrors", false)).build());
        Validations.of(app).addPlugins(new CloudFormationValidatePlugin());
        return app;
    }

    /** The file the CDK writes the validation findings of a synth to. */
    static final String VALIDATION_REPORT = "validation-report.json";

    /** A directory standing in for an unpacked function.zip of the given mode. */
    static Path placeholder(String name, RuntimeMode mode) {
        Path dir = tempDir("asset-" + name);
        try {
            Files.writeString(dir.resolve(mode == RuntimeMode.NATIVE ? "bootstrap" : "placeholder.jar"),
                    "placeholder for " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** A jar standing in for the Spark job: it holds the entry point the artifact check looks for. */
    static Path sparkJobJar() {
        Path jar = tempDir("spark-job").resolve("metarec-spark-emr.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry(Artifacts.SPARK_MAIN_CLASS));
            zip.write("placeholder".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }

    static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory("metarec-" + prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
