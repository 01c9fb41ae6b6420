package dev.metarec.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The metarec deployment: data stores, five functions, the HTTP API, the meta-train schedule (driving the
 * meta-train function or, with {@link Trainer#SPARK}, the {@link SparkTrainer}) and the alarms. Deploy-time values are CloudFormation parameters ({@value #PARAM_ISSUER},
 * {@value #PARAM_AUDIENCE}, {@value #PARAM_ADMIN_SCOPE}, {@value #PARAM_ADMIN_CLIENTS}, {@value #PARAM_SCHEDULE},
 * {@value #PARAM_RATE}, {@value #PARAM_BURST}); synth-time choices are {@link DeploymentSettings}.
 */
public final class MetarecStack extends Stack {

    public static final String PARAM_ISSUER = "JwtIssuer";
    public static final String PARAM_AUDIENCE = "JwtAudience";
    public static final String PARAM_ADMIN_SCOPE = "AdminScope";
    public static final String PARAM_ADMIN_CLIENTS = "AdminClientIds";
    public static final String PARAM_SCHEDULE = "MetaTrainSchedule";
    public static final String PARAM_RATE = "ApiRateLimit";
    public static final String PARAM_BURST = "ApiBurstLimit";

    /** Environment variables for the settings that are not table names. */
    public static final String ENV_BUCKET = "METAREC_S3_BUCKET";
    public static final String ENV_AUTH_ENABLED = "METAREC_AUTH_ENABLED";
    public static final String ENV_ADMIN_SCOPE = "METAREC_AUTH_ADMIN_SCOPE";
    public static final String ENV_ADMIN_CLIENTS = "METAREC_AUTH_ADMIN_CLIENTS";

    private final DataStores stores;
    private final MetarecFunctions functions;
    private final MetarecHttpApi httpApi;
    private final Optional<SparkTrainer> sparkTrainer;
    private final MetaTrainSchedule schedule;
    private final Queue metaTrainDeadLetters;
    private final Monitoring monitoring;
    private final OperationsDashboard dashboard;

    public MetarecStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        CfnParameter issuer = CfnParameter.Builder.create(this, PARAM_ISSUER).type("String")
                .description("OIDC issuer URL of the JWTs the apps send, e.g. "
                        + "https://cognito-idp.<region>.amazonaws.com/<userPoolId>")
                .allowedPattern("^https://\\S+$")
                .constraintDescription("an https:// issuer URL").build();
        CfnParameter audience = CfnParameter.Builder.create(this, PARAM_AUDIENCE).type("CommaDelimitedList")
                .description("Accepted JWT audiences (comma-separated), e.g. the Cognito app client id").build();
        CfnParameter adminScope = CfnParameter.Builder.create(this, PARAM_ADMIN_SCOPE).type("String")
                .defaultValue("metarec/admin").allowedPattern("^\\S+$")
                .description("OAuth scope that allows catalogue writes and acting on other users (with an admin client)").build();
        CfnParameter adminClients = CfnParameter.Builder.create(this, PARAM_ADMIN_CLIENTS).type("String")
                .defaultValue("").allowedPattern("^[^\\s,]*(,[^\\s,]+)*$")
                .constraintDescription("comma-separated OAuth client ids, no spaces")
                .description("OAuth client ids whose tokens may be admins (client_id, azp or cid claim), comma-separated; "
                        + "the admin scope from any other client is ignored. Empty: nobody is an admin").build();
        CfnParameter scheduleExpression = CfnParameter.Builder.create(this, PARAM_SCHEDULE).type("String")
                .defaultValue("rate(6 hours)").allowedPattern("^(rate|cron)\\(.+\\)$")
                .constraintDescription("an EventBridge rate(...) or cron(...) expression")
                .description("How often meta-train runs (each run trains up to 15 minutes and resumes)").build();
        CfnParameter rate = CfnParameter.Builder.create(this, PARAM_RATE).type("Number")
                .defaultValue(200).minValue(1).description("API-wide steady requests per second").build();
        CfnParameter burst = CfnParameter.Builder.create(this, PARAM_BURST).type("Number")
                .defaultValue(400).minValue(1).description("API-wide burst of requests").build();

        List<FunctionSpec> specs = FunctionSpec.defaults();
        stores = new DataStores(this, "Data", settings.retainData());
        metaTrainDeadLetters = MetaTrainSchedule.deadLetterQueue(this, "MetaTrainDeadLetters");
        functions = new MetarecFunctions(this, "Functions", settings, specs, stores,
                environment(adminScope.getValueAsString(), adminClients.getValueAsString()), metaTrainDeadLetters);
        httpApi = new MetarecHttpApi(this, "Http", issuer.getValueAsString(), audience.getValueAsList(), specs,
                functions, settings.logRetention(), rate.getValueAsNumber(),
                burst.getValueAsNumber(), settings.corsOrigins());
        sparkTrainer = settings.trainer() == Trainer.SPARK
                ? Optional.of(new SparkTrainer(this, "SparkTraining", settings.sparkJob(), stores))
                : Optional.empty();
        IRuleTarget trainer = sparkTrainer
                .map(spark -> MetaTrainSchedule.startExecution(spark.stateMachine(), metaTrainDeadLetters))
                .orElseGet(() -> MetaTrainSchedule.invoke(functions.alias("meta-train"), metaTrainDeadLetters));
        schedule = new MetaTrainSchedule(this, "Schedule", trainer, scheduleExpression.getValueAsString());
        monitoring = new Monitoring(this, "Monitoring", settings.alarmEmail());
        specs.stream().filter(FunctionSpec::http)
                .forEach(spec -> monitoring.watchFunction(spec.name(), functions.function(spec.name())));
        monitoring.watchMetaTrain(functions.function("meta-train"), metaTrainDeadLetters);
        monitoring.watchApi(httpApi);
        stores.tables().forEach(monitoring::watchTable);
        dashboard = new OperationsDashboard(this, "Operations", httpApi, specs, functions, stores, metaTrainDeadLetters);
        sparkTrainer.ifPresent(spark -> {
            monitoring.watchSparkTraining(spark.stateMachine());
            dashboard.showSparkTraining(spark.stateMachine());
        });
        outputs(specs);
        Tags.of(this).add("project", "metarec");
    }

    /**
     * What every function reads from its environment (Quarkus maps METAREC_X_Y to metarec.x.y). The store
     * kind is not among them: {@code metarec.store=aws} is a build property of the Lambda artifacts.
     */
    private Map<String, String> environment(String adminScope, String adminClients) {
        Map<String, String> env = new LinkedHashMap<>();
        stores.tables().forEach((table, resource) -> env.put(table.environmentVariable(), resource.getTableName()));
        env.put(ENV_BUCKET, stores.bucket().getBucketName());
        env.put(ENV_AUTH_ENABLED, "true");
        env.put(ENV_ADMIN_SCOPE, adminScope);
        env.put(ENV_ADMIN_CLIENTS, adminClients);
        return env;
    }

    private void outputs(List<FunctionSpec> specs) {
        CfnOutput.Builder.create(this, "ApiUrl").value(httpApi.url())
                .description("Base URL: POST <ApiUrl>ingest, adapt, recommend, erase").build();
        CfnOutput.Builder.create(this, "BucketName").value(stores.bucket().getBucketName()).build();
        stores.tables().forEach((table, resource) -> CfnOutput.Builder.create(this, table.constructId() + "Table")
                .value(resource.getTableName()).build());
        for (FunctionSpec spec : specs) {
            CfnOutput.Builder.create(this, Names.pascalCase(spec.name()) + "FunctionName")
                    .value(functions.function(spec.name()).getFunctionName()).build();
        }
        CfnOutput.Builder.create(this, "MetaTrainDeadLetterQueueUrl").value(metaTrainDeadLetters.getQueueUrl()).build();
        CfnOutput.Builder.create(this, "AlarmTopicArn").value(monitoring.topic().getTopicArn()).build();
        CfnOutput.Builder.create(this, "DashboardName").value(dashboard.dashboard().getDashboardName()).build();
        sparkTrainer.ifPresent(spark -> {
            CfnOutput.Builder.create(this, "MetaTrainStateMachineArn").value(spark.stateMachine().getStateMachineArn())
                    .description("Start a Spark meta-train run by hand: aws stepfunctions start-execution").build();
            CfnOutput.Builder.create(this, "SparkApplicationId").value(spark.application().getAttrApplicationId()).build();
        });
    }

    public DataStores stores() { return stores; }

    public MetarecFunctions functions() { return functions; }

    public MetarecHttpApi httpApi() { return httpApi; }

    public MetaTrainSchedule schedule() { return schedule; }

    /** The Spark trainer, present when {@link DeploymentSettings#trainer()} is {@link Trainer#SPARK}. */
    public Optional<SparkTrainer> sparkTrainer() { return sparkTrainer; }

    public Queue metaTrainDeadLetters() { return metaTrainDeadLetters; }

    public Monitoring monitoring() { return monitoring; }

    public OperationsDashboard dashboard() { return dashboard; }
}
