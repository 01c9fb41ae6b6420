package dev.metarec.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;

/**
 * How the Quarkus artifacts run on Lambda (on the {@link CpuArchitecture} chosen, arm64 by default).
 *
 * <ul>
 *   <li>{@link #NATIVE} (default): a GraalVM/Mandrel native executable named {@code bootstrap} inside
 *       {@code target/function.zip} on the OS-only runtime {@code provided.al2023}.</li>
 *   <li>{@link #JVM}: the JVM build's {@code target/function.zip} on {@code java21} with SnapStart on
 *       published versions (every function is invoked through its {@code live} alias so SnapStart applies).</li>
 * </ul>
 */
public enum RuntimeMode {
    NATIVE(Runtime.PROVIDED_AL2023, "not.used.in.provided.runtime", null,
            Map.of("DISABLE_SIGNAL_HANDLERS", "true")),
    JVM(Runtime.JAVA_21, "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
            SnapStartConf.ON_PUBLISHED_VERSIONS,
            Map.of("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));

    private final Runtime runtime;
    private final String handler;
    private final SnapStartConf snapStart;
    private final Map<String, String> environment;

    RuntimeMode(Runtime runtime, String handler, SnapStartConf snapStart, Map<String, String> environment) {
        this.runtime = runtime;
        this.handler = handler;
        this.snapStart = snapStart;
        this.environment = environment;
    }

    public Runtime runtime() { return runtime; }

    public String handler() { return handler; }

    /** SnapStart configuration, or null when the runtime does not support it (native). */
    public SnapStartConf snapStart() { return snapStart; }

    /** Runtime-specific environment variables added to every function. */
    public Map<String, String> environment() { return environment; }

    /** Parses a context value such as {@code native} or {@code jvm} (case-insensitive). */
    public static RuntimeMode parse(String value) {
        String allowed = Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("context 'runtime' is empty; allowed: " + allowed);
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "context 'runtime' is '" + value + "'; allowed: " + allowed, e);
        }
    }
}
