package dev.metarec.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The metarec-meta-train Lambda artifact in one execution environment (15-minute timeout, as deployed),
 * invoked with the EventBridge scheduled event the CDK rule sends, or by hand with a budget.
 */
public final class MetaTrainFunction implements AutoCloseable {
    private final LambdaRuntimeEmulator runtime = LambdaRuntimeEmulator.start(Duration.ofMinutes(15));
    private final FunctionProcess process;

    private MetaTrainFunction(Map<String, String> configuration) {
        process = FunctionProcess.start(FunctionProcess.runnerJar("functions/meta-train"), "metarec-meta-train", runtime, configuration);
    }

    public static MetaTrainFunction start(Map<String, String> configuration) {
        return new MetaTrainFunction(configuration);
    }

    /** One scheduled invocation; returns the handler's response (status, step, losses...). */
    public JsonNode scheduled() {
        ObjectNode e = ApiGateway.json().createObjectNode();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", "Scheduled Event");
        e.put("source", "aws.events");
        e.put("account", "000000000000");
        e.put("time", Instant.now().toString());
        e.put("region", "us-east-1");
        e.putArray("resources").add("arn:aws:events:us-east-1:000000000000:rule/metarec-meta-train");
        e.putObject("detail");
        return invoke(e);
    }

    /** A manual invocation with a time budget. */
    public JsonNode withBudget(Duration budget) {
        ObjectNode e = ApiGateway.json().createObjectNode();
        e.put("budgetSeconds", budget.toMillis() / 1000.0);
        return invoke(e);
    }

    private JsonNode invoke(JsonNode event) {
        String answer = runtime.invoke(event.toString(), Duration.ofMinutes(15));
        try {
            return ApiGateway.json().readTree(answer);
        } catch (Exception e) {
            throw new IllegalStateException("meta-train answered no JSON: " + answer + "\n" + process.log(), e);
        }
    }

    public String log() { return process.log(); }

    @Override
    public void close() {
        process.close();
        runtime.close();
    }
}
