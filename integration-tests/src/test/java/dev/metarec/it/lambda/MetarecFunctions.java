package dev.metarec.it.lambda;

import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.S3ProxyServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metarec-api Lambda artifact running for real against dynalite and s3proxy: {@code instances}
 * execution environments (child JVMs) polling one {@link LambdaRuntimeEmulator}, reached through an
 * {@link ApiGateway} that adds JWT claims as API Gateway's authorizer would.
 */
public final class MetarecFunctions implements AutoCloseable {
    private final LambdaRuntimeEmulator runtime;
    private final List<FunctionProcess> processes = new ArrayList<>();
    private final ApiGateway gateway;

    private MetarecFunctions(LambdaRuntimeEmulator runtime) {
        this.runtime = runtime;
        this.gateway = new ApiGateway(runtime, Duration.ofSeconds(60));
    }

    /** Configuration that points the functions at the test servers and one namespace. */
    public static Map<String, String> configuration(AwsServers servers, AwsServers.Namespace ns) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("metarec.aws.region", AwsServers.REGION.id());
        p.put("metarec.dynamodb.endpoint", servers.dynamoEndpoint().toString());
        p.put("metarec.s3.endpoint", servers.s3Endpoint().toString());
        p.put("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        p.put("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        var t = ns.tables();
        p.put("metarec.dynamodb.events-table", t.events());
        p.put("metarec.dynamodb.items-table", t.items());
        p.put("metarec.dynamodb.item-stats-table", t.itemStats());
        p.put("metarec.dynamodb.profiles-table", t.profiles());
        p.put("metarec.dynamodb.fast-weights-table", t.fastWeights());
        p.put("metarec.dynamodb.control-table", t.control());
        p.put("metarec.s3.bucket", ns.bucket());
        p.put("quarkus.log.console.json.enabled", "false");
        p.put("metarec.auth.admin-clients", ApiGateway.ADMIN_CLIENT);
        p.put("metarec.serving.champion-refresh", "PT0.2S");
        p.put("metarec.serving.stats-refresh", "PT0.2S");
        return p;
    }

    /** Starts {@code instances} environments of the metarec-api artifact and waits until each answers. */
    public static MetarecFunctions start(int instances, Map<String, String> configuration) {
        Path jar = FunctionProcess.runnerJar("functions/api");
        MetarecFunctions f = new MetarecFunctions(LambdaRuntimeEmulator.start());
        try {
            for (int i = 0; i < instances; i++) f.processes.add(FunctionProcess.start(jar, "metarec-api", f.runtime, configuration));
            f.runtime.diagnostics(f::diagnostics);
            f.runtime.awaitPolling(instances, Duration.ofMinutes(3));
            return f;
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    public ApiGateway gateway() { return gateway; }

    /** Each environment's liveness and the end of its log, for a failure message. */
    private String diagnostics() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < processes.size(); i++) {
            FunctionProcess p = processes.get(i);
            String[] lines = p.log().split("\n");
            out.append("\n--- environment ").append(i).append(p.isAlive() ? " (alive)" : " (exited)").append(", last lines of its log:\n")
                    .append(String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length)));
        }
        return out.toString();
    }

    /** All process logs (for a failure message). */
    public String logs() {
        StringBuilder out = new StringBuilder();
        processes.forEach(p -> out.append(p.log()).append("\n----\n"));
        return out.toString();
    }

    @Override
    public void close() {
        processes.forEach(FunctionProcess::close);
        runtime.close();
    }
}
