package dev.metarec.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Runs meta-train on an EventBridge schedule. Two kinds of failure end in the same dead-letter queue:
 * an event EventBridge could not deliver to Lambda (target DLQ, after {@link #DELIVERY_RETRIES}
 * retries), and an asynchronous invocation that failed in the function after its retries (the alias'
 * on-failure destination, see {@link MetarecFunctions}).
 */
public final class MetaTrainSchedule extends Construct {

    /** EventBridge delivery retries before an event goes to the DLQ. */
    public static final int DELIVERY_RETRIES = 2;
    /** How long failed runs are kept for inspection. */
    public static final Duration DLQ_RETENTION = Duration.days(14);

    private final Rule rule;

    /**
     * @param scheduleExpression an EventBridge expression such as {@code rate(6 hours)} or
     *                           {@code cron(0 3 * * ? *)}, usually a parameter token
     */
    public MetaTrainSchedule(Construct scope, String id, IFunction metaTrain, Queue deadLetters,
                             String scheduleExpression) {
        super(scope, id);
        rule = Rule.Builder.create(this, "Rule")
                .description("metarec: resume or start meta-training")
                .schedule(Schedule.expression(scheduleExpression))
                .targets(java.util.List.of(LambdaFunction.Builder.create(metaTrain)
                        .event(RuleTargetInput.fromObject(java.util.Map.of("source", "schedule")))
                        .deadLetterQueue(deadLetters)
                        .retryAttempts(DELIVERY_RETRIES)
                        .maxEventAge(Duration.hours(2))
                        .build()))
                .build();
    }

    /** The queue that receives failed meta-train runs: SQS-managed encryption, TLS only. */
    public static Queue deadLetterQueue(Construct scope, String id) {
        return Queue.Builder.create(scope, id)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DLQ_RETENTION)
                .build();
    }

    public Rule rule() {
        return rule;
    }
}
