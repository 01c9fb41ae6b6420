package dev.metarec.infra;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard for operating metarec: API traffic, errors and latency; per function
 * invocations, errors, throttles and duration percentiles; meta-train runs and its dead-letter queue;
 * DynamoDB consumed capacity and throttling per table; with the Spark trainer, its executions.
 */
public final class OperationsDashboard extends Construct {

    private static final Duration PERIOD = Duration.minutes(5);

    private final Dashboard dashboard;

    public OperationsDashboard(Construct scope, String id, MetarecHttpApi api, List<FunctionSpec> specs,
                               MetarecFunctions functions, DataStores stores, IQueue metaTrainDeadLetters) {
        super(scope, id);
        dashboard = Dashboard.Builder.create(this, "Dashboard").build();
        dashboard.addWidgets(
                graph("API requests and errors", List.of(api.stage().metricCount(stat("Sum")),
                        api.stage().metricClientError(stat("Sum")), api.stage().metricServerError(stat("Sum")))),
                graph("API latency (p50, p99 ms)", List.of(api.stage().metricLatency(stat("p50")),
                        api.stage().metricLatency(stat("p99")))));
        for (FunctionSpec spec : specs) {
            Function fn = functions.function(spec.name());
            dashboard.addWidgets(
                    graph(spec.name() + ": invocations, errors, throttles", List.of(fn.metricInvocations(stat("Sum")),
                            fn.metricErrors(stat("Sum")), fn.metricThrottles(stat("Sum")))),
                    graph(spec.name() + ": duration (p50, p99, max ms)", List.of(fn.metricDuration(stat("p50")),
                            fn.metricDuration(stat("p99")), fn.metricDuration(stat("Maximum")))));
        }
        dashboard.addWidgets(graph("meta-train dead-letter queue", List.of(
                metaTrainDeadLetters.metricApproximateNumberOfMessagesVisible(stat("Maximum")))));
        List<IMetric> consumed = new ArrayList<>();
        List<IMetric> throttled = new ArrayList<>();
        stores.tables().forEach((name, table) -> {
            consumed.add(table.metricConsumedReadCapacityUnits(label(name.logicalName() + " reads")));
            consumed.add(table.metricConsumedWriteCapacityUnits(label(name.logicalName() + " writes")));
            throttled.add(table.metric("ReadThrottleEvents", label(name.logicalName() + " read throttles")));
            throttled.add(table.metric("WriteThrottleEvents", label(name.logicalName() + " write throttles")));
        });
        dashboard.addWidgets(graph("DynamoDB consumed capacity units", consumed),
                graph("DynamoDB throttle events", throttled));
    }

    /** The Spark trainer's executions: started, succeeded, failed, timed out. */
    public void showSparkTraining(IStateMachine stateMachine) {
        dashboard.addWidgets(graph("meta-train on Spark: executions", List.of(
                stateMachine.metricStarted(stat("Sum")), stateMachine.metricSucceeded(stat("Sum")),
                stateMachine.metricFailed(stat("Sum")), stateMachine.metricTimedOut(stat("Sum")))));
    }

    private static IWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(12).height(6).build();
    }

    private static MetricOptions stat(String statistic) {
        return MetricOptions.builder().period(PERIOD).statistic(statistic).build();
    }

    private static MetricOptions label(String label) {
        return MetricOptions.builder().period(PERIOD).statistic("Sum").label(label).build();
    }

    public Dashboard dashboard() {
        return dashboard;
    }
}
