package dev.metarec.infra;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.emrserverless.CfnApplication;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Meta-training on Apache Spark (EMR Serverless) for deployments past the Lambda trainer's size: an EMR
 * Serverless application, the job's execution role, the job jar (a CDK asset) and the Step Functions state
 * machine the schedule starts ({@link TrainingWorkflow}: export the events, items and profiles tables, wait
 * for the exports, run the job and wait for it). The job promotes through the domain's gate itself; a failed
 * or timed-out execution promotes nothing and raises an alarm ({@link Monitoring#watchSparkTraining}).
 *
 * <p>Every grant names its resources. Three are trailing wildcards under a resource of this stack, for ids
 * that only exist once a run has started: {@code <table>/export/*} (DescribeExport of this run's exports),
 * {@code <application>/jobruns/*} (what {@code startJobRun.sync} polls and cancels) and {@code exports/*}.
 * The {@code .sync} integration's EventBridge rule is named exactly ({@value #SYNC_RULE}).
 */
public final class SparkTrainer extends Construct {

    /** AWS runtime for Apache Spark 4.0.2 (Scala 2.13), the first EMR release with Spark 4. */
    public static final String RELEASE_LABEL = "emr-spark-8.0.0";
    /** The job is compiled for Java 21; EMR's default JVM for Spark 4 is 17 (not verified on AWS from here). */
    public static final String JAVA_HOME = "/usr/lib/jvm/java-21-amazon-corretto.aarch64";
    /** The tables the job reads, exported in this order (the job's --events, --items, --profiles). */
    public static final List<DataTable> EXPORTED = List.of(DataTable.EVENTS, DataTable.ITEMS, DataTable.PROFILES);
    /** Executors of 4 vCPU and 16 GB (14 GB heap + overhead); with the driver, the application's capacity cap. */
    public static final int MAX_EXECUTORS = 16;
    static final int WORKER_VCPU = 4;
    static final int WORKER_MEMORY_GB = 16;
    static final int WORKER_DISK_GB = 20;
    static final String SPARK_SUBMIT = "--class dev.metarec.spark.SparkMetaTrainMain"
            + " --conf spark.driver.cores=4 --conf spark.driver.memory=14g"
            + " --conf spark.executor.cores=4 --conf spark.executor.memory=14g"
            + " --conf spark.dynamicAllocation.maxExecutors=" + MAX_EXECUTORS;
    /** The job run's own limit; the state machine's is longer (the exports come first). */
    public static final int JOB_TIMEOUT_MINUTES = 180;
    public static final Duration EXECUTION_TIMEOUT = Duration.hours(5);
    /** Minutes of idleness after which the application releases its workers. */
    public static final int IDLE_STOP_MINUTES = 15;
    /** The EventBridge rule Step Functions manages for {@code emr-serverless:startJobRun.sync}. */
    public static final String SYNC_RULE = "StepFunctionsGetEventsForEMRServerlessJobRule";

    private final CfnApplication application;
    private final Role jobRole;
    private final Asset jobJar;
    private final StateMachine stateMachine;

    public SparkTrainer(Construct scope, String id, SparkJob job, DataStores stores) {
        super(scope, id);
        application = createApplication();
        jobJar = Asset.Builder.create(this, "JobJar").path(job.artifact().toString()).build();
        jobRole = jobRole(stores);
        String entryPoint = "s3://" + jobJar.getS3BucketName() + "/" + jobJar.getS3ObjectKey();
        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .comment("metarec meta-train on Spark: export the tables, run the job (it promotes through the gate)")
                .definitionBody(DefinitionBody.fromChainable(TrainingWorkflow.definition(this, stores,
                        new TrainingWorkflow.Job(application.getAttrApplicationId(), jobRole.getRoleArn(), entryPoint,
                                SPARK_SUBMIT, JOB_TIMEOUT_MINUTES, job.arguments()))))
                .timeout(EXECUTION_TIMEOUT)
                .build();
        grantWorkflow(stores);
    }

    private CfnApplication createApplication() {
        int workers = MAX_EXECUTORS + 1;
        return CfnApplication.Builder.create(this, "Application")
                .name(Stack.of(this).getStackName() + "-meta-train")
                .type("SPARK")
                .releaseLabel(RELEASE_LABEL)
                .architecture("ARM64")
                .autoStartConfiguration(CfnApplication.AutoStartConfigurationProperty.builder().enabled(true).build())
                .autoStopConfiguration(CfnApplication.AutoStopConfigurationProperty.builder().enabled(true)
                        .idleTimeoutMinutes(IDLE_STOP_MINUTES).build())
                .maximumCapacity(CfnApplication.MaximumAllowedResourcesProperty.builder()
                        .cpu(workers * WORKER_VCPU + " vCPU").memory(workers * WORKER_MEMORY_GB + " GB")
                        .disk(workers * WORKER_DISK_GB + " GB").build())
                .runtimeConfiguration(List.of(CfnApplication.ConfigurationObjectProperty.builder()
                        .classification("spark-defaults")
                        .properties(Map.of("spark.emr-serverless.driverEnv.JAVA_HOME", JAVA_HOME,
                                "spark.executorEnv.JAVA_HOME", JAVA_HOME))
                        .build()))
                .build();
    }

    /** What the job reads and writes: the exports, the job jar, checkpoints and the champion pointer. */
    private Role jobRole(DataStores stores) {
        Role role = Role.Builder.create(this, "JobRole")
                .assumedBy(new ServicePrincipal("emr-serverless.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount()))))
                .description("metarec Spark meta-train job: reads the table exports, writes checkpoints, "
                        + "moves the champion pointer")
                .build();
        var bucket = stores.bucket();
        role.addToPrincipalPolicy(AccessPolicies.allow(List.of("s3:GetObject"),
                List.of(bucket.arnForObjects(DataStores.EXPORTS_PREFIX + "*"))));
        // Listing lets Hadoop's file system see the export folders, and S3 answer 404 rather than 403.
        role.addToPrincipalPolicy(AccessPolicies.allow(List.of("s3:ListBucket"), List.of(bucket.getBucketArn())));
        role.addToPrincipalPolicy(AccessPolicies.allow(List.of("s3:GetObject", "s3:PutObject"),
                List.of(bucket.arnForObjects(DataStores.CHECKPOINTS_PREFIX + "*"))));
        role.addToPrincipalPolicy(AccessPolicies.allow(List.of(AccessPolicies.GET, AccessPolicies.PUT),
                List.of(stores.table(DataTable.CONTROL).getTableArn())));
        role.addToPrincipalPolicy(AccessPolicies.allow(List.of("s3:GetObject"),
                List.of("arn:" + Aws.PARTITION + ":s3:::" + jobJar.getS3BucketName() + "/" + jobJar.getS3ObjectKey())));
        return role;
    }

    /**
     * The state machine's grants beyond the export calls' own ({@link TrainingWorkflow} adds those): writing the
     * exports, and what {@code startJobRun.sync} needs (start, poll, cancel, pass the job role, its rule).
     */
    private void grantWorkflow(DataStores stores) {
        stateMachine.addToRolePolicy(AccessPolicies.allow(
                List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:PutObjectAcl"),
                List.of(stores.bucket().arnForObjects(DataStores.EXPORTS_PREFIX + "*"))));
        stateMachine.addToRolePolicy(AccessPolicies.allow(List.of("emr-serverless:StartJobRun"),
                List.of(application.getAttrArn())));
        stateMachine.addToRolePolicy(AccessPolicies.allow(List.of("emr-serverless:GetJobRun", "emr-serverless:CancelJobRun"),
                List.of(application.getAttrArn() + "/jobruns/*")));
        stateMachine.addToRolePolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("iam:PassRole")).resources(List.of(jobRole.getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "emr-serverless.amazonaws.com")))
                .build());
        stateMachine.addToRolePolicy(AccessPolicies.allow(
                List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"),
                List.of(Stack.of(this).formatArn(ArnComponents.builder().service("events").resource("rule")
                        .resourceName(SYNC_RULE).build()))));
    }

    public CfnApplication application() { return application; }

    public Role jobRole() { return jobRole; }

    public Asset jobJar() { return jobJar; }

    public StateMachine stateMachine() { return stateMachine; }
}
