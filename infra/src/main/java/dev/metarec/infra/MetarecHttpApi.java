package dev.metarec.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
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

    /** Access log line: request and caller ids, route, status, sizes and latencies. */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
            + "\"status\":\"$context.status\",\"sub\":\"$context.authorizer.claims.sub\","
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
                    .integration(new HttpLambdaIntegration(Names.pascalCase(spec.name()) + "Integration",
                            functions.alias(spec.name())))
                    .authorizer(authorizer)
                    .build());
            // Route settings name routes by key; CloudFormation must create the routes first.
            routes.forEach(route -> stage.getNode().addDependency(route));
            routeSettings.put(spec.routeKey(), Map.of(
                    "ThrottlingRateLimit", spec.routeRateLimit(),
                    "ThrottlingBurstLimit", spec.routeBurstLimit()));
        }
        ((CfnStage) stage.getNode().getDefaultChild()).setRouteSettings(routeSettings);
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
