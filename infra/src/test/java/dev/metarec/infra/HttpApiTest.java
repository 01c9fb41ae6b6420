package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;

class HttpApiTest {

    private final Synth.Result synth = Synth.nativeDefaults();

    @Test
    void routes_shouldBeExactlyOnePostPerHttpFunction() {
        Set<String> keys = synth.ofType("AWS::ApiGatewayV2::Route").stream()
                .map(id -> (String) synth.properties(id).get("RouteKey")).collect(Collectors.toSet());

        assertEquals(Set.of("POST /ingest", "POST /adapt", "POST /recommend", "POST /erase"), keys);
    }

    @Test
    void everyRoute_shouldRequireTheJwtAuthorizer() {
        List<String> authorizers = synth.ofType("AWS::ApiGatewayV2::Authorizer");
        assertEquals(1, authorizers.size(), "one authorizer");
        String authorizer = authorizers.get(0);

        for (String route : synth.ofType("AWS::ApiGatewayV2::Route")) {
            Map<String, Object> props = synth.properties(route);
            assertEquals("JWT", props.get("AuthorizationType"), route + " authorization type");
            assertEquals(Map.of("Ref", authorizer), props.get("AuthorizerId"), route + " authorizer");
        }
    }

    @Test
    void authorizer_shouldTakeIssuerAndAudienceFromParameters() {
        synth.template().hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                "AuthorizerType", "JWT",
                "IdentitySource", List.of("$request.header.Authorization"),
                "JwtConfiguration", Map.of(
                        "Issuer", Map.of("Ref", MetarecStack.PARAM_ISSUER),
                        "Audience", Map.of("Ref", MetarecStack.PARAM_AUDIENCE))));
        synth.template().hasParameter(MetarecStack.PARAM_AUDIENCE, Map.of("Type", "CommaDelimitedList"));
        synth.template().hasParameter(MetarecStack.PARAM_ISSUER, Map.of("Type", "String"));
    }

    @Test
    void eachRoute_shouldInvokeTheLiveAliasOfItsOwnFunction() {
        Map<String, String> routeToAlias = new TreeMap<>();
        for (String route : synth.ofType("AWS::ApiGatewayV2::Route")) {
            Map<String, Object> props = synth.properties(route);
            String integration = integrationId(props.get("Target"));
            Object uri = synth.properties(integration).get("IntegrationUri");
            routeToAlias.put((String) props.get("RouteKey"), (String) ((Map<?, ?>) uri).get("Ref"));
        }

        for (String name : List.of("ingest", "adapt", "recommend", "erase")) {
            assertEquals(synth.logicalId(synth.stack().functions().alias(name)), routeToAlias.get("POST /" + name),
                    name + " route target");
        }
        synth.template().allResourcesProperties("AWS::ApiGatewayV2::Integration", Map.of(
                "IntegrationType", "AWS_PROXY", "PayloadFormatVersion", "2.0"));
    }

    @Test
    void stage_shouldThrottleTheApiAndEachRoute() {
        String stage = synth.ofType("AWS::ApiGatewayV2::Stage").get(0);
        Map<String, Object> props = synth.properties(stage);

        assertEquals("$default", props.get("StageName"));
        assertEquals(true, props.get("AutoDeploy"));
        assertEquals(Map.of("ThrottlingRateLimit", Map.of("Ref", MetarecStack.PARAM_RATE),
                "ThrottlingBurstLimit", Map.of("Ref", MetarecStack.PARAM_BURST)), props.get("DefaultRouteSettings"));
        Map<?, ?> routeSettings = (Map<?, ?>) props.get("RouteSettings");
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            if (spec.http()) {
                assertEquals(Map.of("ThrottlingRateLimit", spec.routeRateLimit(),
                                "ThrottlingBurstLimit", spec.routeBurstLimit()),
                        routeSettings.get(spec.routeKey()), spec.routeKey());
            }
        }
        List<?> dependsOn = (List<?>) synth.resource(stage).get("DependsOn");
        assertTrue(dependsOn.containsAll(synth.ofType("AWS::ApiGatewayV2::Route")),
                "the stage names routes in RouteSettings, so it must be created after them: " + dependsOn);
    }

    @Test
    void stage_shouldWriteAccessLogsWithoutIpAddresses() {
        String stage = synth.ofType("AWS::ApiGatewayV2::Stage").get(0);
        Map<?, ?> accessLogs = (Map<?, ?>) synth.properties(stage).get("AccessLogSettings");

        assertEquals(Map.of("Fn::GetAtt", List.of(synth.logicalId(synth.stack().httpApi().accessLogs()), "Arn")),
                accessLogs.get("DestinationArn"));
        String format = (String) accessLogs.get("Format");
        assertTrue(format.contains("$context.requestId"), format);
        assertTrue(!format.contains("sourceIp"), "no IP addresses in access logs: " + format);
        synth.template().hasResourceProperties("AWS::Logs::LogGroup",
                Match.objectLike(Map.of("RetentionInDays", 30)));
    }

    @Test
    void eachAlias_shouldBeInvokableByApiGatewayOnlyThroughItsOwnRoute() {
        // The alias's whole resource policy (AWS::Lambda::ResourcePolicy, not AWS::Lambda::Permission): see
        // InvokeOnlyThroughApiGatewayTest, which checks the allow for this route and the deny of everyone else.
        for (String name : List.of("ingest", "adapt", "recommend", "erase")) {
            String alias = synth.logicalId(synth.stack().functions().alias(name));
            List<String> sources = synth.ofType("AWS::Lambda::ResourcePolicy").stream().map(synth::properties)
                    .filter(p -> Map.of("Ref", alias).equals(p.get("ResourceArn")))
                    .map(p -> (Map<?, ?>) ((List<?>) ((Map<?, ?>) p.get("PolicyDocument")).get("Statement")).get(0))
                    .peek(st -> assertEquals(Map.of("Service", "apigateway.amazonaws.com"), st.get("Principal"), name))
                    .map(st -> WildcardPolicies.flatten(((Map<?, ?>) ((Map<?, ?>) st.get("Condition")).get("ArnLike")).get("aws:SourceArn"))).toList();
            assertEquals(1, sources.size(), name + ": " + sources);
            assertTrue(sources.get(0).endsWith("/*/*/" + name), name + ": " + sources.get(0));
        }
    }

    @Test
    void cors_shouldBeOff_unlessOriginsAreGiven() {
        assertEquals(null, synth.properties(synth.ofType("AWS::ApiGatewayV2::Api").get(0)).get("CorsConfiguration"));

        Synth.Result jvm = Synth.jvmVariant();
        assertEquals(Map.of("AllowOrigins", List.of("https://app.example.org"), "AllowMethods", List.of("POST"),
                        "AllowHeaders", List.of("Authorization", "Content-Type"), "MaxAge", 3600),
                jvm.properties(jvm.ofType("AWS::ApiGatewayV2::Api").get(0)).get("CorsConfiguration"));
        assertEquals(4, jvm.ofType("AWS::ApiGatewayV2::Route").size(), "no unauthenticated OPTIONS routes");
    }

    /** Route targets are {@code integrations/<id>} joins. */
    private static String integrationId(Object target) {
        List<?> join = (List<?>) ((Map<?, ?>) target).get("Fn::Join");
        List<?> parts = (List<?>) join.get(1);
        assertEquals("integrations/", parts.get(0));
        return (String) ((Map<?, ?>) parts.get(1)).get("Ref");
    }
}
