package dev.metarec.infra;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * Runs meta-training on an EventBridge schedule: the meta-train function ({@link #invoke}) or the Spark
 * trainer's state machine ({@link #startExecution}), as {@link Trainer} chooses. An event EventBridge could not
 * deliver goes to the dead-letter queue after {@link #DELIVERY_RETRIES} retries; so does an asynchronous
 * meta-train invocation that failed in the function after its retries (the alias' on-failure destination, see
 * {@link MetarecFunctions}). A failed state machine execution raises an alarm instead.
 */
public final class MetaTrainSchedule extends Construct {

    /** EventBridge delivery retries before an event goes to the DLQ. */
    public static final int DELIVERY_RETRIES = 2;
    /** How long EventBridge keeps trying to deliver one scheduled event. */
    public static final Duration MAX_EVENT_AGE = Duration.hours(2);
    /** How long failed runs are kept for inspection. */
    public static final Duration DLQ_RETENTION = Duration.days(14);

    private static final RuleTargetInput FROM_SCHEDULE = RuleTargetInput.fromObject(Map.of("source", "schedule"));

    private final Rule rule;

    /**
     * @param scheduleExpression an EventBridge expression such as {@code rate(6 hours)} or
     *                           {@code cron(0 3 * * ? *)}, usually a parameter token
     */
    public MetaTrainSchedule(Construct scope, String id, IRuleTarget trainer, String scheduleExpression) {
        super(scope, id);
        rule = Rule.Builder.create(this, "Rule")
                .description("metarec: resume or start meta-training")
                .schedule(Schedule.expression(scheduleExpression))
                .targets(List.of(trainer))
                .build();
    }

    /** The Lambda trainer: invoke the meta-train function (its {@code live} alias). */
    public static IRuleTarget invoke(IFunction metaTrain, IQueue deadLetters) {
        return LambdaFunction.Builder.create(metaTrain)
                .event(FROM_SCHEDULE)
                .deadLetterQueue(deadLetters)
                .retryAttempts(DELIVERY_RETRIES)
                .maxEventAge(MAX_EVENT_AGE)
                .build();
    }

    /** The Spark trainer: start an execution of its state machine. */
    public static IRuleTarget startExecution(IStateMachine stateMachine, IQueue deadLetters) {
        return SfnStateMachine.Builder.create(stateMachine)
                .input(FROM_SCHEDULE)
                .deadLetterQueue(deadLetters)
                .retryAttempts(DELIVERY_RETRIES)
                .maxEventAge(MAX_EVENT_AGE)
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
