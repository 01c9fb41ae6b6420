package dev.metarec.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigatewayv2.HttpIntegrationType;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteIntegrationBindOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteIntegrationConfig;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The HTTP API (API Gateway v2) in front of the HTTP functions: one {@code POST /<function>} route per
 * function, every route behind the JWT authorizer, stage-wide and per-route throttling, JSON access
 * logs (ids only, no IP addresses) with a retention.
 *
 * <p>Request size: HTTP APIs accept payloads up to a fixed 10 MB that cannot be lowered here; the
 * application-level limits (batch size, id length, attribute count, body size) are enforced by the
 * functions before anything is written.
 */
public final class MetarecHttpApi extends Construct {

    /**
     * Access log line: request id, route, status, sizes and latencies. No user id (the token's {@code sub}) and no
     * IP address: logs are kept for {@code logRetention} and an erase cannot reach them.
     */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
            + "\"status\":\"$context.status\","
            + "\"requestLength\":\"$context.requestLength\",\"responseLength\":\"$context.responseLength\","
            + "\"integrationLatency\":\"$context.integrationLatency\","
            + "\"integrationError\":\"$context.integrationErrorMessage\","
            + "\"authorizerError\":\"$context.authorizer.error\"}";

    private final HttpApi api;
    private final HttpStage stage;
    private final LogGroup accessLogs;

    /**
     * @param jwtIssuer   the OIDC issuer URL (e.g. a Cognito user pool's), usually a parameter token
     * @param jwtAudience accepted audiences (app client ids), usually a parameter token list
     * @param stageRate   requests per second allowed over the whole API
     * @param stageBurst  burst allowed over the whole API
     */
    public MetarecHttpApi(Construct scope, String id, String jwtIssuer, List<String> jwtAudience,
                          List<FunctionSpec> specs, MetarecFunctions functions, RetentionDays logRetention,
                          Number stageRate, Number stageBurst, List<String> corsOrigins) {
        super(scope, id);
        HttpJwtAuthorizer authorizer = HttpJwtAuthorizer.Builder.create("JwtAuthorizer", jwtIssuer)
                .jwtAudience(jwtAudience)
                .identitySource(List.of("$request.header.Authorization"))
                .build();
        HttpApi.Builder apiBuilder = HttpApi.Builder.create(this, "Api")
                .description("metarec: ingest, adapt, recommend, erase")
                .createDefaultStage(false)
                .defaultAuthorizer(authorizer);
        if (!corsOrigins.isEmpty()) {
            // API Gateway answers the preflight itself (no OPTIONS route, so no authorizer on it).
            apiBuilder.corsPreflight(CorsPreflightOptions.builder()
                    .allowOrigins(corsOrigins)
                    .allowMethods(List.of(CorsHttpMethod.POST))
                    .allowHeaders(List.of("Authorization", "Content-Type"))
                    .maxAge(Duration.hours(1))
                    .build());
        }
        api = apiBuilder.build();
        accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(logRetention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        LogGroupLogDestination destination = new LogGroupLogDestination(accessLogs);
        stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder().rateLimit(stageRate).burstLimit(stageBurst).build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build();
        Map<String, Object> routeSettings = new LinkedHashMap<>();
        for (FunctionSpec spec : specs) {
            if (!spec.http()) {
                continue;
            }
            List<HttpRoute> routes = api.addRoutes(AddRoutesOptions.builder()
                    .path("/" + spec.name())
                    .methods(List.of(HttpMethod.POST))
                    .integration(new AliasIntegration(Names.pascalCase(spec.name()) + "Integration", functions.alias(spec.name())))
                    .authorizer(authorizer)
                    .build());
            onlyThisRouteMayInvoke(spec.name(), functions);
            // Route settings name routes by key; CloudFormation must create the routes first.
            routes.forEach(route -> stage.getNode().addDependency(route));
            routeSettings.put(spec.routeKey(), Map.of(
                    "ThrottlingRateLimit", spec.routeRateLimit(),
                    "ThrottlingBurstLimit", spec.routeBurstLimit()));
        }
        ((CfnStage) stage.getNode().getDefaultChild()).setRouteSettings(routeSettings);
    }

    /**
     * A Lambda proxy integration (payload 2.0) of the function's {@code live} alias that, unlike
     * {@code HttpLambdaIntegration}, adds no {@code AWS::Lambda::Permission}: the alias's whole resource policy is
     * written by {@link #onlyThisRouteMayInvoke}, which a permission added beside it would race with.
     */
    static final class AliasIntegration extends HttpRouteIntegration {
        private final IFunction target;

        AliasIntegration(String id, IFunction target) {
            super(id);
            this.target = target;
        }

        @Override
        public HttpRouteIntegrationConfig bind(HttpRouteIntegrationBindOptions options) {
            return HttpRouteIntegrationConfig.builder().type(HttpIntegrationType.AWS_PROXY).uri(target.getFunctionArn())
                    .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0).build();
        }
    }

    /** The ARN pattern of this API's calls of one route, as Lambda sees it in {@code aws:SourceArn}. */
    String routeSourceArn(String function) {
        return Stack.of(this).formatArn(ArnComponents.builder().service("execute-api").resource(api.getApiId())
                .resourceName("*/*/" + function).build());
    }

    /**
     * The HTTP functions trust the JWT claims in the event they are given, so only API Gateway may give them one:
     * the alias's resource policy allows this API's route and explicitly denies everyone else (an explicit deny
     * also beats an IAM identity policy in this account that allows {@code lambda:InvokeFunction} on "*"); the
     * unqualified function and the current version deny every direct call too. The version's policy is retained when
     * a deploy replaces the version, so an old version stays closed.
     */
    private void onlyThisRouteMayInvoke(String function, MetarecFunctions functions) {
        String source = routeSourceArn(function);
        List<String> invoke = List.of("lambda:InvokeFunction", "lambda:InvokeFunctionUrl");
        Map<String, Object> allow = Map.of("Sid", "ThisApiRouteOnly", "Effect", "Allow",
                "Principal", Map.of("Service", "apigateway.amazonaws.com"), "Action", "lambda:InvokeFunction",
                "Condition", Map.of("ArnLike", Map.of("aws:SourceArn", source),
                        "StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())));
        String cid = Names.pascalCase(function);
        resourcePolicy(cid + "AliasPolicy", functions.alias(function).getFunctionArn(), List.of(
                withResource(allow, functions.alias(function).getFunctionArn()),
                denyOthers(invoke, functions.alias(function).getFunctionArn(), source)));
        resourcePolicy(cid + "FunctionPolicy", functions.function(function).getFunctionArn(), List.of(
                denyOthers(invoke, functions.function(function).getFunctionArn(), source)));
        String version = functions.function(function).getCurrentVersion().getFunctionArn();
        resourcePolicy(cid + "VersionPolicy", version, List.of(denyOthers(invoke, version, source)))
                .applyRemovalPolicy(RemovalPolicy.RETAIN);
    }

    private static Map<String, Object> withResource(Map<String, Object> statement, String resource) {
        Map<String, Object> s = new LinkedHashMap<>(statement);
        s.put("Resource", resource);
        return s;
    }

    private static Map<String, Object> denyOthers(List<String> actions, String resource, String source) {
        return Map.of("Sid", "NoDirectInvocation", "Effect", "Deny", "Principal", "*", "Action", actions, "Resource", resource,
                "Condition", Map.of("ArnNotLike", Map.of("aws:SourceArn", source)));
    }

    /** {@code AWS::Lambda::ResourcePolicy} (the whole resource policy of one function, version or alias ARN). */
    private CfnResource resourcePolicy(String id, String resourceArn, List<Map<String, Object>> statements) {
        return CfnResource.Builder.create(this, id).type("AWS::Lambda::ResourcePolicy")
                .properties(Map.of("ResourceArn", resourceArn,
                        "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", statements)))
                .build();
    }

    public HttpApi api() {
        return api;
    }

    public HttpStage stage() {
        return stage;
    }

    /** The base URL of the API (default stage), e.g. {@code https://abc.execute-api.eu-west-1.amazonaws.com/}. */
    public String url() {
        return stage.getUrl();
    }

    public LogGroup accessLogs() {
        return accessLogs;
    }
}
