package dev.metarec.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * Alarms, all notifying one SNS topic (with an e-mail subscription when an address is given): per
 * function errors and throttles, meta-train failures (any failed run within an hour), messages waiting
 * in the meta-train dead-letter queue, DynamoDB throttling per table, API server errors, and with the Spark
 * trainer any failed or timed-out execution of its state machine.
 */
public final class Monitoring extends Construct {

    private static final Duration PERIOD = Duration.minutes(5);

    private final Topic topic;
    private final SnsAction action;

    public Monitoring(Construct scope, String id, Optional<String> alarmEmail) {
        super(scope, id);
        topic = Topic.Builder.create(this, "AlarmTopic").displayName("metarec alarms").enforceSsl(true).build();
        // The topic policy (TLS only) replaces SNS's default policy, so allow this account's alarms explicitly.
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                .build());
        alarmEmail.ifPresent(address -> topic.addSubscription(new EmailSubscription(address)));
        action = new SnsAction(topic);
    }

    /** Errors and throttles of one HTTP function. */
    public void watchFunction(String name, Function function) {
        String cid = Names.pascalCase(name);
        alarm(cid + "Errors", name + ": invocations failed (unhandled errors, timeouts)",
                function.metricErrors(sum(PERIOD)), 1);
        alarm(cid + "Throttles", name + ": invocations throttled (reserved concurrency or account limit)",
                function.metricThrottles(sum(PERIOD)), 1);
    }

    /** Meta-train: any failed run within an hour, throttles, and failed runs waiting in the DLQ. */
    public void watchMetaTrain(Function metaTrain, IQueue deadLetters) {
        alarm("MetaTrainFailures", "meta-train: a run failed (error or timeout); the champion keeps serving",
                metaTrain.metricErrors(sum(Duration.hours(1))), 1);
        alarm("MetaTrainThrottles", "meta-train: a run was throttled (another run still going?)",
                metaTrain.metricThrottles(sum(Duration.hours(1))), 1);
        alarm("MetaTrainDeadLetters", "meta-train: failed runs are waiting in the dead-letter queue",
                deadLetters.metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().period(PERIOD).statistic("Maximum").build()), 1);
    }

    /** The Spark trainer: any execution that failed (export, job or promotion) or timed out within an hour. */
    public void watchSparkTraining(IStateMachine stateMachine) {
        alarm("SparkTrainingFailed", "meta-train on Spark: an execution failed (export, job run or promotion); "
                + "the champion keeps serving", stateMachine.metricFailed(sum(Duration.hours(1))), 1);
        alarm("SparkTrainingTimedOut", "meta-train on Spark: an execution ran past its timeout; "
                + "the champion keeps serving", stateMachine.metricTimedOut(sum(Duration.hours(1))), 1);
    }

    /**
     * Read or write requests DynamoDB throttled on a table (on-demand tables throttle a sudden burst
     * beyond twice their previous peak; reserved concurrency exists to prevent that).
     */
    public void watchTable(DataTable name, Table table) {
        MathExpression throttles = MathExpression.Builder.create()
                .expression("reads + writes")
                .usingMetrics(Map.of(
                        "reads", table.metric("ReadThrottleEvents", sum(PERIOD)),
                        "writes", table.metric("WriteThrottleEvents", sum(PERIOD))))
                .label(name.logicalName() + " throttled requests")
                .period(PERIOD)
                .build();
        alarm(name.constructId() + "TableThrottles", name.logicalName() + ": DynamoDB throttled reads or writes",
                throttles, 1);
    }

    /** Server errors (5xx) returned by the API. */
    public void watchApi(MetarecHttpApi api) {
        alarm("Api5xx", "API: responses with status 5xx", api.stage().metricServerError(sum(PERIOD)), 5);
    }

    private void alarm(String id, String description, IMetric metric, int threshold) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(action);
    }

    private static MetricOptions sum(Duration period) {
        return MetricOptions.builder().period(period).statistic("Sum").build();
    }

    public Topic topic() {
        return topic;
    }
}
