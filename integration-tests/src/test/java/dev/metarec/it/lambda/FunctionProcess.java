package dev.metarec.it.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Lambda execution environment: the packaged Quarkus function (its runner jar) in a child JVM driven by
 * {@link LambdaDriver} against a {@link LambdaRuntimeEmulator}, configured with {@code -D} properties
 * (endpoints, tables, bucket). Stopped by its own process handle.
 */
public final class FunctionProcess implements AutoCloseable {
    /** The handler the CDK stack configures for Quarkus functions. */
    public static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler";
    private final Process process;
    private final Path log;

    private FunctionProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * The runner jar (fast-jar or legacy runner) of a function module, e.g. {@code functions/api}, relative to the repository root;
     * {@code -Dmetarec.it.jar.api=/path/quarkus-run.jar} (module's last path segment) overrides it.
     */
    public static Path runnerJar(String module) {
        String override = System.getProperty("metarec.it.jar." + module.substring(module.lastIndexOf('/') + 1));
        if (override != null) return Path.of(override);
        Path dir = Path.of("").toAbsolutePath();
        for (Path root : List.of(dir.getParent(), dir)) {
            Path target = root.resolve(module).resolve("target");
            Path fastJar = target.resolve("quarkus-app/quarkus-run.jar");
            if (Files.isRegularFile(fastJar)) return fastJar;
            try (var files = Files.list(target)) { // the legacy runner jar quarkus-amazon-lambda packages by default
                var runner = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst();
                if (runner.isPresent()) return runner.get();
            } catch (IOException notBuilt) {
                // try the next root
            }
        }
        throw new IllegalStateException("no runner jar (quarkus-app/quarkus-run.jar or *-runner.jar) in " + module + "/target from " + dir
                + ": package the functions first (the reactor builds them before integration-tests)");
    }

    public static FunctionProcess start(Path jar, String functionName, LambdaRuntimeEmulator runtime, Map<String, String> properties) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        String driverClasses = Path.of(LambdaDriver.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + driverClasses, LambdaDriver.class.getName(), HANDLER));
        try {
            Path log = Files.createDirectories(Path.of("target", "functions")).resolve(functionName + "-" + System.nanoTime() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
            env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", "it");
            env.put("AWS_REGION", "us-east-1");
            env.put("METAREC_FUNCTION", functionName);
            return new FunctionProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    public boolean isAlive() { return process.isAlive(); }

    /** The process output so far (for failure messages). */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills the process at once, as Lambda does when a function times out. */
    public void kill() {
        dev.metarec.it.harness.LoopbackPorts.killNow(process);
    }

    @Override
    public void close() { kill(); }
}
