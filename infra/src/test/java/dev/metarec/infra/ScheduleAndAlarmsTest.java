package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;

class ScheduleAndAlarmsTest {

    private final Synth.Result synth = Synth.nativeDefaults();

    private String metaTrainAlias() {
        return synth.logicalId(synth.stack().functions().alias("meta-train"));
    }

    private String dlq() {
        return synth.logicalId(synth.stack().metaTrainDeadLetters());
    }

    @Test
    void schedule_shouldInvokeMetaTrainAtTheParameterRate_withDeadLetterQueue() {
        Map<String, Object> rule = synth.properties(synth.logicalId(synth.stack().schedule().rule()));

        assertEquals(Map.of("Ref", MetarecStack.PARAM_SCHEDULE), rule.get("ScheduleExpression"));
        assertEquals("ENABLED", rule.get("State"));
        Map<?, ?> target = (Map<?, ?>) ((List<?>) rule.get("Targets")).get(0);
        assertEquals(Map.of("Ref", metaTrainAlias()), target.get("Arn"));
        assertEquals(Map.of("Arn", Map.of("Fn::GetAtt", List.of(dlq(), "Arn"))), target.get("DeadLetterConfig"));
        assertEquals(MetaTrainSchedule.DELIVERY_RETRIES,
                ((Map<?, ?>) target.get("RetryPolicy")).get("MaximumRetryAttempts"));
        synth.template().hasParameter(MetarecStack.PARAM_SCHEDULE, Map.of("Default", "rate(6 hours)"));
    }

    @Test
    void onlyTheRule_shouldBeAllowedToInvokeMetaTrain() {
        List<Map<String, Object>> permissions = synth.ofType("AWS::Lambda::Permission").stream().map(synth::properties)
                .filter(p -> Map.of("Ref", metaTrainAlias()).equals(p.get("FunctionName"))).toList();

        assertEquals(List.of(Map.of(
                "Action", "lambda:InvokeFunction",
                "FunctionName", Map.of("Ref", metaTrainAlias()),
                "Principal", "events.amazonaws.com",
                "SourceArn", Map.of("Fn::GetAtt", List.of(synth.logicalId(synth.stack().schedule().rule()), "Arn")))),
                permissions);
    }

    @Test
    void failedAsyncMetaTrainRuns_shouldGoToTheDeadLetterQueue() {
        synth.template().hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", Map.of("Ref", synth.logicalId(synth.stack().functions().function("meta-train"))),
                "Qualifier", Map.of("Fn::Select", List.of(7, Map.of("Fn::Split", List.of(":",
                        Map.of("Ref", metaTrainAlias()))))),
                "MaximumRetryAttempts", MetarecFunctions.META_TRAIN_RETRIES,
                "DestinationConfig", Map.of("OnFailure", Map.of(
                        "Destination", Map.of("Fn::GetAtt", List.of(dlq(), "Arn"))))));
        synth.template().resourceCountIs("AWS::Lambda::EventInvokeConfig", 1);
    }

    @Test
    void deadLetterQueue_shouldBeEncrypted_andWritableOnlyByTheRuleAndMetaTrainsFailedRuns() {
        Map<String, Object> queue = synth.properties(dlq());
        assertEquals(true, queue.get("SqsManagedSseEnabled"));
        assertEquals(14 * 24 * 3600, queue.get("MessageRetentionPeriod"));

        // the queue's resource policy: one Allow, SendMessage from events.amazonaws.com for this rule only
        List<String> policies = synth.ofType("AWS::SQS::QueuePolicy").stream()
                .filter(id -> ((List<?>) synth.properties(id).get("Queues")).contains(Map.of("Ref", dlq()))).toList();
        assertEquals(1, policies.size(), "policies of the DLQ: " + policies);
        Map<?, ?> document = (Map<?, ?>) synth.properties(policies.get(0)).get("PolicyDocument");
        List<Map<?, ?>> allows = ((List<?>) document.get("Statement")).stream().map(s -> (Map<?, ?>) s)
                .filter(s -> "Allow".equals(s.get("Effect"))).map(ScheduleAndAlarmsTest::withoutSid).toList();
        Map<String, Object> sendFromRule = Map.of(
                "Effect", "Allow",
                "Action", "sqs:SendMessage",
                "Principal", Map.of("Service", "events.amazonaws.com"),
                "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", Map.of("Fn::GetAtt",
                        List.of(synth.logicalId(synth.stack().schedule().rule()), "Arn")))),
                "Resource", Map.of("Fn::GetAtt", List.of(dlq(), "Arn")));
        assertEquals(List.of(sendFromRule), allows);

        // IAM: of all functions, only meta-train's role may send to it (failed asynchronous runs)
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            List<String> onQueue = new PolicyGrants(synth).ofFunction(spec.name()).stream()
                    .filter(g -> g.endsWith(" on queue:meta-train-dlq")).toList();
            assertEquals(spec.name().equals("meta-train") ? List.of("sqs:SendMessage on queue:meta-train-dlq") : List.of(),
                    onQueue.stream().filter(g -> !g.startsWith("sqs:GetQueue")).toList(), spec.name());
        }
    }

    @Test
    void alarms_shouldWatchErrorsThrottlesDeadLettersAndMetaTrain() {
        Set<String> watched = synth.ofType("AWS::CloudWatch::Alarm").stream().map(synth::properties)
                .filter(p -> p.containsKey("MetricName"))
                .map(p -> p.get("Namespace") + "/" + p.get("MetricName") + "/" + dimension(p))
                .collect(Collectors.toSet());

        for (FunctionSpec spec : FunctionSpec.defaults()) {
            String fn = synth.logicalId(synth.stack().functions().function(spec.name()));
            assertTrue(watched.contains("AWS/Lambda/Errors/" + fn), spec.name() + " errors: " + watched);
            assertTrue(watched.contains("AWS/Lambda/Throttles/" + fn), spec.name() + " throttles: " + watched);
        }
        assertTrue(watched.contains("AWS/SQS/ApproximateNumberOfMessagesVisible/" + dlq()), watched.toString());
        assertTrue(watched.stream().anyMatch(w -> w.startsWith("AWS/ApiGateway/5xx")), watched.toString());
        synth.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "Errors", "Period", 3600, "Threshold", 1,
                "Dimensions", List.of(Map.of("Name", "FunctionName",
                        "Value", Map.of("Ref", synth.logicalId(synth.stack().functions().function("meta-train")))))));
    }

    @Test
    void everyTable_shouldAlarmOnThrottledReadsOrWrites() {
        for (DataTable table : DataTable.values()) {
            Map<String, Object> tableRef = Map.of("Ref", synth.logicalId(synth.stack().stores().table(table)));
            boolean watched = synth.ofType("AWS::CloudWatch::Alarm").stream().map(synth::properties)
                    .filter(p -> p.get("Metrics") instanceof List<?>)
                    .anyMatch(p -> {
                        String metrics = String.valueOf(p.get("Metrics"));
                        return metrics.contains("ReadThrottleEvents") && metrics.contains("WriteThrottleEvents")
                                && metrics.contains(String.valueOf(tableRef)) && metrics.contains("reads + writes");
                    });
            assertTrue(watched, table + " throttling alarm");
        }
    }

    @Test
    void dashboard_shouldShowEveryFunctionTableAndTheDeadLetterQueue() {
        List<String> dashboards = synth.ofType("AWS::CloudWatch::Dashboard");
        assertEquals(1, dashboards.size());
        String body = WildcardPolicies.flatten(synth.properties(dashboards.get(0)).get("DashboardBody"));

        for (FunctionSpec spec : FunctionSpec.defaults()) {
            String fn = synth.logicalId(synth.stack().functions().function(spec.name()));
            assertTrue(body.contains("{Ref=" + fn + "}"), spec.name() + " on the dashboard");
            assertTrue(body.contains(spec.name() + ": duration (p50, p99, max ms)"), spec.name() + " duration graph");
        }
        for (DataTable table : DataTable.values()) {
            assertTrue(body.contains("{Ref=" + synth.logicalId(synth.stack().stores().table(table)) + "}"),
                    table + " on the dashboard");
        }
        assertTrue(body.contains(dlq()), "DLQ on the dashboard");
        assertTrue(body.contains("\"p99\""), "latency percentiles");
    }

    @Test
    void everyAlarm_shouldNotifyTheTopic() {
        String topic = synth.logicalId(synth.stack().monitoring().topic());
        for (String alarm : synth.ofType("AWS::CloudWatch::Alarm")) {
            assertEquals(List.of(Map.of("Ref", topic)), synth.properties(alarm).get("AlarmActions"), alarm);
        }
        synth.template().resourceCountIs("AWS::SNS::Subscription", 0);
        Synth.jvmVariant().template().hasResourceProperties("AWS::SNS::Subscription",
                Map.of("Protocol", "email", "Endpoint", "ops@example.org"));
    }

    @Test
    void topic_shouldAcceptAlarmsFromThisAccountOnly_overTlsOnly() {
        String topic = synth.logicalId(synth.stack().monitoring().topic());
        Map<String, Object> fromAlarms = Map.of(
                "Effect", "Allow",
                "Action", "sns:Publish",
                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                "Resource", Map.of("Ref", topic),
                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))));
        Map<String, Object> tlsOnly = Map.of(
                "Effect", "Deny",
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));

        synth.template().hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(Map.of("Ref", topic)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(tlsOnly), Match.objectLike(fromAlarms)))))));
    }

    private static Map<?, ?> withoutSid(Map<?, ?> statement) {
        Map<Object, Object> copy = new java.util.HashMap<>(statement);
        copy.remove("Sid");
        return copy;
    }

    /** The first dimension's value as a logical id (Ref), or its literal value. */
    private static String dimension(Map<String, Object> alarm) {
        List<?> dims = (List<?>) alarm.get("Dimensions");
        Object value = ((Map<?, ?>) dims.get(0)).get("Value");
        if (value instanceof Map<?, ?> ref && ref.containsKey("Ref")) {
            return (String) ref.get("Ref");
        }
        if (value instanceof Map<?, ?> att && att.containsKey("Fn::GetAtt")) {
            return (String) ((List<?>) att.get("Fn::GetAtt")).get(0);
        }
        return String.valueOf(value);
    }
}
