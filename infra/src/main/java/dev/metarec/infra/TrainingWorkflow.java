package dev.metarec.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Parallel;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/**
 * The states of the Spark trainer's state machine (JSONPath):
 * <ol>
 *   <li>{@code Prepare}: this run's export folder {@code exports/<execution name>}, the bucket and the control table.</li>
 *   <li>{@code ExportTables}, one branch per table of {@link SparkTrainer#EXPORTED}, in parallel:
 *       {@code ExportTableToPointInTime} (DYNAMODB_JSON, idempotent per execution and table), then every
 *       {@value #POLL_MINUTES} minutes {@code DescribeExport} until {@code COMPLETED} (the branch yields the
 *       export's folder, {@code s3://<bucket>/<prefix>/AWSDynamoDB/<export id>}) or {@code FAILED} (the execution
 *       fails).</li>
 *   <li>{@code Train}: EMR Serverless {@code startJobRun.sync} with the three folders, the bucket and the control
 *       table; it waits for the job, and a failed job fails the execution.</li>
 * </ol>
 */
final class TrainingWorkflow {

    static final int POLL_MINUTES = 2;

    /** What {@code Train} starts: on which application, as which role, which jar with which arguments. */
    record Job(String applicationId, String roleArn, String entryPoint, String sparkSubmitParameters,
               int timeoutMinutes, List<String> tuningArguments) {
    }

    private TrainingWorkflow() {
    }

    static IChainable definition(Construct scope, DataStores stores, Job job) {
        Pass prepare = Pass.Builder.create(scope, "Prepare")
                .comment("this run's export folder, the bucket and the control table")
                .parameters(Map.of(
                        "prefix", JsonPath.format(DataStores.EXPORTS_PREFIX + "{}", JsonPath.stringAt("$$.Execution.Name")),
                        "bucket", stores.bucket().getBucketName(),
                        "controlTable", stores.table(DataTable.CONTROL).getTableName()))
                .resultPath("$.run")
                .build();
        Map<String, Object> folders = new LinkedHashMap<>();
        for (int i = 0; i < SparkTrainer.EXPORTED.size(); i++) {
            folders.put(SparkTrainer.EXPORTED.get(i).logicalName(), JsonPath.stringAt("$[" + i + "].folder"));
        }
        Parallel exports = Parallel.Builder.create(scope, "ExportTables")
                .comment("point-in-time exports of the tables the job reads")
                .resultSelector(folders)
                .resultPath("$.exports")
                .build();
        for (DataTable table : SparkTrainer.EXPORTED) {
            exports.branch(exportBranch(scope, stores, table));
        }
        CustomState train = CustomState.Builder.create(scope, "Train").stateJson(trainState(job)).build();
        return prepare.next(exports).next(train).next(Succeed.Builder.create(scope, "Done").build());
    }

    private static IChainable exportBranch(Construct scope, DataStores stores, DataTable table) {
        String id = table.constructId();
        String name = table.logicalName();
        String tableArn = stores.table(table).getTableArn();
        CallAwsService start = CallAwsService.Builder.create(scope, "Export" + id)
                .comment("export the " + name + " table to S3")
                .service("dynamodb").action("exportTableToPointInTime")
                .iamAction("dynamodb:ExportTableToPointInTime").iamResources(List.of(tableArn))
                .parameters(Map.of(
                        "TableArn", tableArn,
                        "S3Bucket", JsonPath.stringAt("$.run.bucket"),
                        "S3Prefix", JsonPath.format("{}/" + name, JsonPath.stringAt("$.run.prefix")),
                        "ExportFormat", "DYNAMODB_JSON",
                        "ClientToken", JsonPath.format("{}-" + name, JsonPath.stringAt("$$.Execution.Name"))))
                .resultSelector(Map.of("arn", JsonPath.stringAt("$.ExportDescription.ExportArn")))
                .resultPath("$.export")
                .build();
        Wait wait = Wait.Builder.create(scope, "Wait" + id + "Export")
                .time(WaitTime.duration(Duration.minutes(POLL_MINUTES))).build();
        CallAwsService describe = CallAwsService.Builder.create(scope, "Describe" + id + "Export")
                .service("dynamodb").action("describeExport")
                .iamAction("dynamodb:DescribeExport").iamResources(List.of(tableArn + "/export/*"))
                .parameters(Map.of("ExportArn", JsonPath.stringAt("$.export.arn")))
                .resultSelector(Map.of("arn", JsonPath.stringAt("$.ExportDescription.ExportArn"),
                        "status", JsonPath.stringAt("$.ExportDescription.ExportStatus")))
                .resultPath("$.export")
                .build();
        for (CallAwsService call : List.of(start, describe)) {
            call.addRetry(RetryProps.builder().errors(List.of("States.TaskFailed"))
                    .maxAttempts(3).interval(Duration.seconds(20)).backoffRate(2).build());
        }
        // The export's folder: <prefix>/<table>/AWSDynamoDB/<export id>, the id being the ARN's last segment.
        Pass folder = Pass.Builder.create(scope, id + "ExportFolder")
                .parameters(Map.of("folder", JsonPath.format("s3://{}/{}/" + name + "/AWSDynamoDB/{}",
                        JsonPath.stringAt("$.run.bucket"), JsonPath.stringAt("$.run.prefix"),
                        JsonPath.arrayGetItem(JsonPath.stringSplit(JsonPath.stringAt("$.export.arn"), "/"), 3))))
                .build();
        Fail failed = Fail.Builder.create(scope, id + "ExportFailed")
                .error("ExportFailed")
                .causePath(JsonPath.format("DynamoDB export {} of the " + name + " table failed",
                        JsonPath.stringAt("$.export.arn")))
                .build();
        Choice done = Choice.Builder.create(scope, id + "ExportDone").build()
                .when(Condition.stringEquals("$.export.status", "COMPLETED"), folder)
                .when(Condition.stringEquals("$.export.status", "FAILED"), failed)
                .otherwise(wait);
        return start.next(wait).next(describe).next(done);
    }

    /** The optimized EMR Serverless integration has no CDK task class, so the state is written out. */
    private static Map<String, Object> trainState(Job job) {
        Map<String, Object> sparkSubmit = Map.of(
                "EntryPoint", job.entryPoint(),
                "EntryPointArguments.$", entryPointArguments(job.tuningArguments()),
                "SparkSubmitParameters", job.sparkSubmitParameters());
        return Map.of(
                "Type", "Task",
                "Comment", "the Spark job: build tasks, train, gate, promote; waits for the job run",
                "Resource", "arn:" + Aws.PARTITION + ":states:::emr-serverless:startJobRun.sync",
                "Parameters", Map.of(
                        "ApplicationId", job.applicationId(),
                        "ExecutionRoleArn", job.roleArn(),
                        "Name.$", "$$.Execution.Name",
                        "ExecutionTimeoutMinutes", job.timeoutMinutes(),
                        "JobDriver", Map.of("SparkSubmit", sparkSubmit)),
                "ResultPath", "$.jobRun");
    }

    /** {@code States.Array(...)} of the job's arguments: the inputs from this execution, then the tuning ones. */
    static String entryPointArguments(List<String> tuning) {
        List<String> parts = new ArrayList<>();
        for (DataTable table : SparkTrainer.EXPORTED) {
            parts.add("'--" + table.logicalName() + "'");
            parts.add("$.exports." + table.logicalName());
        }
        parts.addAll(List.of("'--bucket'", "$.run.bucket", "'--control-table'", "$.run.controlTable"));
        tuning.stream().map(word -> "'" + word + "'").forEach(parts::add);
        return parts.stream().collect(Collectors.joining(", ", "States.Array(", ")"));
    }
}
