package dev.metarec.infra;

import static dev.metarec.infra.PolicyGrants.each;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The Spark trainer (context {@code trainer=spark}): the EMR Serverless application, the state machine the
 * schedule starts (export, poll, job run), its roles' grants and its alarms. Grants are written out by hand.
 */
class SparkTrainingTest {

    private final Synth.Result synth = Synth.sparkVariant();
    private final SparkTrainer spark = synth.stack().sparkTrainer().orElseThrow();
    private final PolicyGrants grants = new PolicyGrants(synth);

    private String stateMachine() {
        return synth.logicalId(spark.stateMachine());
    }

    private String application() {
        return synth.stack().getLogicalId(spark.application());
    }

    @Test
    void lambdaTrainer_shouldDeployNoSparkResources_byDefault() {
        Synth.Result lambda = Synth.nativeDefaults();

        assertTrue(lambda.stack().sparkTrainer().isEmpty());
        lambda.template().resourceCountIs("AWS::EMRServerless::Application", 0);
        lambda.template().resourceCountIs("AWS::StepFunctions::StateMachine", 0);
    }

    @Test
    void application_shouldRunSpark4OnArm64OnJava21_andStopWhenIdle_withinACapacityCap() {
        Map<String, Object> app = synth.properties(application());

        assertEquals("SPARK", app.get("Type"));
        assertEquals("emr-spark-8.0.0", app.get("ReleaseLabel"));
        assertEquals("ARM64", app.get("Architecture"));
        assertEquals(Map.of("Enabled", true), app.get("AutoStartConfiguration"));
        assertEquals(Map.of("Enabled", true, "IdleTimeoutMinutes", 15), app.get("AutoStopConfiguration"));
        // 16 executors and the driver, 4 vCPU / 16 GB / 20 GB disk each.
        assertEquals(Map.of("Cpu", "68 vCPU", "Memory", "272 GB", "Disk", "340 GB"), app.get("MaximumCapacity"));
        assertEquals(List.of(Map.of("Classification", "spark-defaults", "Properties", Map.of(
                        "spark.emr-serverless.driverEnv.JAVA_HOME", SparkTrainer.JAVA_HOME,
                        "spark.executorEnv.JAVA_HOME", SparkTrainer.JAVA_HOME))),
                app.get("RuntimeConfiguration"));
    }

    @Test
    void schedule_shouldStartTheStateMachine_withTheDeadLetterQueue_andNoLongerInvokeTheFunction() {
        Map<String, Object> rule = synth.properties(synth.logicalId(synth.stack().schedule().rule()));
        Map<?, ?> target = (Map<?, ?>) ((List<?>) rule.get("Targets")).get(0);

        assertEquals(1, ((List<?>) rule.get("Targets")).size());
        assertEquals(Map.of("Ref", stateMachine()), target.get("Arn"));
        assertEquals(Map.of("Arn", Map.of("Fn::GetAtt", List.of(synth.logicalId(synth.stack().metaTrainDeadLetters()),
                "Arn"))), target.get("DeadLetterConfig"));
        assertEquals(MetaTrainSchedule.DELIVERY_RETRIES,
                ((Map<?, ?>) target.get("RetryPolicy")).get("MaximumRetryAttempts"));
        String eventsRole = (String) ((List<?>) ((Map<?, ?>) target.get("RoleArn")).get("Fn::GetAtt")).get(0);
        assertEquals(Set.of("states:StartExecution on state-machine"), grants.ofRole(eventsRole));
        assertTrue(synth.ofType("AWS::Lambda::Permission").stream().map(synth::properties)
                        .noneMatch(p -> "events.amazonaws.com".equals(p.get("Principal"))),
                "nothing on the schedule invokes the meta-train function");
    }

    @Test
    void workflow_shouldExportEachTable_pollUntilCompleted_failOnFailed_thenRunTheJob() {
        Map<String, Object> definition = definition();
        Map<String, Object> states = map(definition.get("States"));

        assertEquals(List.of("Prepare", "ExportTables", "Train", "Done"), path(definition));
        assertEquals("Succeed", map(states.get("Done")).get("Type"));
        List<?> branches = (List<?>) map(states.get("ExportTables")).get("Branches");
        assertEquals(SparkTrainer.EXPORTED.size(), branches.size());
        for (int i = 0; i < branches.size(); i++) {
            DataTable table = SparkTrainer.EXPORTED.get(i);
            String id = table.constructId();
            Map<String, Object> branch = map(branches.get(i));
            Map<String, Object> inBranch = map(branch.get("States"));
            assertEquals("Export" + id, branch.get("StartAt"));

            Map<String, Object> export = map(inBranch.get("Export" + id));
            assertTrue(((String) export.get("Resource")).endsWith(":states:::aws-sdk:dynamodb:exportTableToPointInTime"));
            assertEquals(ref("Fn::GetAtt=[" + synth.logicalId(synth.stack().stores().table(table)) + ", Arn]"),
                    map(export.get("Parameters")).get("TableArn"), table + " export");
            assertEquals("DYNAMODB_JSON", map(export.get("Parameters")).get("ExportFormat"));
            assertEquals("States.Format('{}/" + table.logicalName() + "', $.run.prefix)",
                    map(export.get("Parameters")).get("S3Prefix.$"));
            assertEquals("Wait" + id + "Export", export.get("Next"));
            assertEquals(TrainingWorkflow.POLL_MINUTES * 60, map(inBranch.get("Wait" + id + "Export")).get("Seconds"));
            assertEquals("Describe" + id + "Export", map(inBranch.get("Wait" + id + "Export")).get("Next"));
            assertEquals(id + "ExportDone", map(inBranch.get("Describe" + id + "Export")).get("Next"));

            Map<String, Object> done = map(inBranch.get(id + "ExportDone"));
            assertEquals(List.of(
                    Map.of("Variable", "$.export.status", "StringEquals", "COMPLETED", "Next", id + "ExportFolder"),
                    Map.of("Variable", "$.export.status", "StringEquals", "FAILED", "Next", id + "ExportFailed")),
                    done.get("Choices"));
            assertEquals("Wait" + id + "Export", done.get("Default"), "still IN_PROGRESS: poll again");
            assertEquals("Fail", map(inBranch.get(id + "ExportFailed")).get("Type"));
            assertEquals(true, map(inBranch.get(id + "ExportFolder")).get("End"));
            assertEquals(Map.of("folder.$", "States.Format('s3://{}/{}/" + table.logicalName()
                            + "/AWSDynamoDB/{}', $.run.bucket, $.run.prefix, "
                            + "States.ArrayGetItem(States.StringSplit($.export.arn, '/'), 3))"),
                    map(inBranch.get(id + "ExportFolder")).get("Parameters"));
        }
        assertEquals(SparkTrainer.EXECUTION_TIMEOUT.toSeconds().longValue(),
                ((Number) definition.get("TimeoutSeconds")).longValue());
    }

    @Test
    void exportsResult_shouldNameEachFolderAfterTheTableItsBranchExported() {
        Map<String, Object> parallel = map(map(definition().get("States")).get("ExportTables"));
        List<?> branches = (List<?>) parallel.get("Branches");
        Map<String, Object> selector = map(parallel.get("ResultSelector"));

        assertEquals(branches.size(), selector.size());
        for (int i = 0; i < branches.size(); i++) {
            Map<String, Object> branch = map(branches.get(i));
            Object exported = map(map(map(branch.get("States")).get(branch.get("StartAt"))).get("Parameters")).get("TableArn");
            String path = "$[" + i + "].folder";
            String key = selector.entrySet().stream().filter(e -> e.getValue().equals(path))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            DataTable named = DataTable.valueOf(key.substring(0, key.length() - 2).toUpperCase().replace('-', '_'));
            assertEquals(ref("Fn::GetAtt=[" + synth.logicalId(synth.stack().stores().table(named)) + ", Arn]"), exported,
                    "branch " + i + " exports the table its result is named after");
        }
    }

    @Test
    void train_shouldStartTheJobRunSynchronously_withTheExportsBucketControlTableAndTuning() {
        Map<String, Object> train = map(map(definition().get("States")).get("Train"));
        Map<String, Object> parameters = map(train.get("Parameters"));
        Map<String, Object> submit = map(map(parameters.get("JobDriver")).get("SparkSubmit"));

        assertTrue(((String) train.get("Resource")).endsWith(":states:::emr-serverless:startJobRun.sync"),
                String.valueOf(train.get("Resource")));
        assertEquals(ref("Fn::GetAtt=[" + application() + ", ApplicationId]"), parameters.get("ApplicationId"));
        assertEquals(ref("Fn::GetAtt=[" + synth.logicalId(spark.jobRole()) + ", Arn]"), parameters.get("ExecutionRoleArn"));
        assertEquals(SparkTrainer.JOB_TIMEOUT_MINUTES, parameters.get("ExecutionTimeoutMinutes"));
        assertEquals("States.Array('--events', $.exports.events, '--items', $.exports.items, "
                + "'--profiles', $.exports.profiles, '--bucket', $.run.bucket, '--control-table', $.run.controlTable, "
                + "'--meta-batch', '1024', '--steps', '2500')", submit.get("EntryPointArguments.$"));
        assertTrue(((String) submit.get("SparkSubmitParameters")).startsWith("--class dev.metarec.spark.SparkMetaTrainMain "));
        assertEquals("s3://" + ref("Fn::Sub=cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}") + "/"
                + spark.jobJar().getS3ObjectKey(), submit.get("EntryPoint"));
        assertEquals("Done", train.get("Next"));
        Map<String, Object> prepare = map(map(map(definition().get("States")).get("Prepare")).get("Parameters"));
        assertEquals(ref("Ref=" + synth.logicalId(synth.stack().stores().bucket())), prepare.get("bucket"));
        assertEquals(ref("Ref=" + synth.logicalId(synth.stack().stores().table(DataTable.CONTROL))),
                prepare.get("controlTable"));
    }

    @Test
    void stateMachineRole_shouldExportThreeTables_andRunJobsOnlyOnItsApplication() {
        String rule = "arn:AWS::Partition:events:AWS::Region:AWS::AccountId:rule/" + SparkTrainer.SYNC_RULE;
        Set<String> expected = new TreeSet<>();
        expected.addAll(each("dynamodb:ExportTableToPointInTime", "table:events table:items table:profiles"));
        expected.addAll(each("dynamodb:DescribeExport",
                "table:events/export/* table:items/export/* table:profiles/export/*"));
        expected.addAll(each("s3:PutObject s3:AbortMultipartUpload s3:PutObjectAcl", "bucket/exports/*"));
        expected.addAll(each("emr-serverless:StartJobRun", "emr-app"));
        expected.addAll(each("emr-serverless:GetJobRun emr-serverless:CancelJobRun", "emr-app/jobruns/*"));
        expected.addAll(each("iam:PassRole", "role:spark-job"));
        expected.addAll(each("events:PutTargets events:PutRule events:DescribeRule", rule));

        assertEquals(expected, grants.ofRole(stateMachineRole()));
    }

    @Test
    void passRole_shouldOnlyPassTheJobRoleToEmrServerless() {
        synth.template().hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                software.amazon.awscdk.assertions.Match.arrayWith(List.of(Map.of(
                        "Effect", "Allow", "Action", "iam:PassRole",
                        "Resource", Map.of("Fn::GetAtt", List.of(synth.logicalId(spark.jobRole()), "Arn")),
                        "Condition", Map.of("StringEquals",
                                Map.of("iam:PassedToService", "emr-serverless.amazonaws.com"))))))));
    }

    @Test
    void jobRole_shouldReadExportsAndItsJar_writeCheckpoints_andMoveOnlyTheChampionPointer() {
        Set<String> expected = new TreeSet<>();
        expected.addAll(each("s3:GetObject", "bucket/exports/*"));
        expected.addAll(each("s3:ListBucket", "bucket"));
        expected.addAll(each("s3:GetObject s3:PutObject", "bucket/checkpoints/*"));
        expected.addAll(each("dynamodb:GetItem dynamodb:PutItem", "table:control"));
        expected.addAll(each("s3:GetObject", "arn:AWS::Partition:s3:::cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}/"
                + spark.jobJar().getS3ObjectKey()));

        assertEquals(expected, grants.ofRole(synth.logicalId(spark.jobRole())));
        Map<String, Object> role = synth.properties(synth.logicalId(spark.jobRole()));
        assertEquals(List.of(Map.of("Action", "sts:AssumeRole", "Effect", "Allow",
                        "Principal", Map.of("Service", "emr-serverless.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))),
                ((Map<?, ?>) role.get("AssumeRolePolicyDocument")).get("Statement"));
    }

    @Test
    void alarms_shouldFireOnAFailedOrTimedOutExecution_andNotifyTheTopic() {
        String topic = synth.logicalId(synth.stack().monitoring().topic());
        for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut")) {
            synth.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/States", "MetricName", metric, "Statistic", "Sum", "Period", 3600,
                    "Threshold", 1, "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "Dimensions", List.of(Map.of("Name", "StateMachineArn", "Value", Map.of("Ref", stateMachine()))),
                    "AlarmActions", List.of(Map.of("Ref", topic))));
        }
    }

    @Test
    void outputs_shouldNameTheStateMachineAndTheApplication() {
        synth.template().hasOutput("MetaTrainStateMachineArn", Map.of("Value", Map.of("Ref", stateMachine())));
        synth.template().hasOutput("SparkApplicationId",
                Map.of("Value", Map.of("Fn::GetAtt", List.of(application(), "ApplicationId"))));
    }

    private String stateMachineRole() {
        Map<?, ?> roleArn = (Map<?, ?>) synth.properties(stateMachine()).get("RoleArn");
        return (String) ((List<?>) roleArn.get("Fn::GetAtt")).get(0);
    }

    /** The state machine's definition as JSON maps, references shown as {@code ${{Ref=...}}}. */
    private Map<String, Object> definition() {
        String text = WildcardPolicies.flatten(synth.properties(stateMachine()).get("DefinitionString"));
        try {
            return map(new ObjectMapper().readValue(text, Map.class));
        } catch (JsonProcessingException e) {
            throw new AssertionError("definition is not JSON: " + text, e);
        }
    }

    /** The top-level states from StartAt, following Next to the end. */
    private static List<String> path(Map<String, Object> definition) {
        List<String> path = new ArrayList<>();
        Map<String, Object> states = map(definition.get("States"));
        for (Object name = definition.get("StartAt"); name != null; name = map(states.get(name)).get("Next")) {
            path.add((String) name);
        }
        return path;
    }

    private static String ref(String inner) {
        return "${{" + inner + "}}";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
