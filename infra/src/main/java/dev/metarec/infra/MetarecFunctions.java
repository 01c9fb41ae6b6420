package dev.metarec.infra;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The five Lambda functions: ingest, adapt, recommend and erase from the metarec-api artifact (Funqy
 * HTTP serves each function at {@code /<name>}, and each Lambda receives only its own route), and
 * meta-train from the metarec-meta-train artifact. Each function has its own role (only its
 * {@link AccessPolicies} statements plus writing to its own log group), its own log group with a
 * retention, and a {@code live} alias on the current version that API Gateway and the schedule invoke
 * (SnapStart only applies to published versions).
 */
public final class MetarecFunctions extends Construct {

    /** Alias every caller invokes. */
    public static final String ALIAS = "live";
    /** Retries of a failed asynchronous (scheduled) meta-train invocation before it goes to the DLQ. */
    public static final int META_TRAIN_RETRIES = 2;

    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final Map<String, Role> roles = new HashMap<>();
    private final Map<String, LogGroup> logGroups = new HashMap<>();

    /**
     * @param environment     variables every function gets (table names, bucket, auth settings)
     * @param metaTrainFailed where failed asynchronous meta-train invocations go
     */
    public MetarecFunctions(Construct scope, String id, DeploymentSettings settings, List<FunctionSpec> specs,
                            DataStores stores, Map<String, String> environment, IQueue metaTrainFailed) {
        super(scope, id);
        Code api = Code.fromAsset(settings.apiArtifact().toString());
        Code metaTrain = Code.fromAsset(settings.metaTrainArtifact().toString());
        for (FunctionSpec spec : specs) {
            String cid = Names.pascalCase(spec.name());
            LogGroup logs = LogGroup.Builder.create(this, cid + "Logs")
                    .retention(settings.logRetention())
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build();
            Role role = Role.Builder.create(this, cid + "Role")
                    .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                    .description("metarec " + spec.name() + ": least privilege, see AccessPolicies")
                    .build();
            role.addToPrincipalPolicy(AccessPolicies.allow(
                    List.of("logs:CreateLogStream", "logs:PutLogEvents"), List.of(logs.getLogGroupArn())));
            for (PolicyStatement statement : AccessPolicies.statements(spec.name(), stores)) {
                role.addToPrincipalPolicy(statement);
            }
            Map<String, String> env = new HashMap<>(settings.extraEnvironment());
            env.putAll(environment);
            env.putAll(settings.runtime().environment());
            env.put("METAREC_FUNCTION", spec.name());
            Function function = Function.Builder.create(this, cid)
                    .description("metarec " + spec.name() + " (" + settings.runtime().name().toLowerCase() + ")")
                    .runtime(settings.runtime().runtime())
                    .handler(settings.runtime().handler())
                    .architecture(settings.architecture().lambda())
                    .code(spec.http() ? api : metaTrain)
                    .memorySize(spec.memoryMb())
                    .timeout(spec.timeout())
                    .reservedConcurrentExecutions(settings.reserveConcurrency() ? spec.reservedConcurrency() : null)
                    .snapStart(settings.runtime().snapStart())
                    .environment(env)
                    .role(role)
                    .logGroup(logs)
                    .build();
            Alias.Builder alias = Alias.Builder.create(this, cid + "Live")
                    .aliasName(ALIAS)
                    .version(function.getCurrentVersion());
            if (!spec.http()) {
                alias.onFailure(new SqsDestination(metaTrainFailed))
                        .retryAttempts(META_TRAIN_RETRIES)
                        .maxEventAge(Duration.hours(6));
            }
            functions.put(spec.name(), function);
            aliases.put(spec.name(), alias.build());
            roles.put(spec.name(), role);
            logGroups.put(spec.name(), logs);
        }
    }

    public Map<String, Function> functions() {
        return Collections.unmodifiableMap(functions);
    }

    public Function function(String name) {
        return require(functions, name);
    }

    public Alias alias(String name) {
        return require(aliases, name);
    }

    public Role role(String name) {
        return require(roles, name);
    }

    public LogGroup logGroup(String name) {
        return require(logGroups, name);
    }

    private static <T> T require(Map<String, T> map, String name) {
        T value = map.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no function '" + name + "'; known: " + map.keySet());
        }
        return value;
    }
}
