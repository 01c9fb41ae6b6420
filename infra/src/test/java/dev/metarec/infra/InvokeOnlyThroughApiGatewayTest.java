package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The HTTP functions take the caller from the JWT claims in their event, so a direct {@code lambda:InvokeFunction}
 * with made-up claims would be any user, or an admin. Only API Gateway's own route may invoke them: each alias's
 * resource policy allows this API's route and explicitly denies every other caller (an explicit deny beats an
 * identity policy that allows {@code lambda:InvokeFunction} on "*"), the unqualified function and the current
 * version deny direct calls as well, and nothing in the stack may invoke them.
 */
class InvokeOnlyThroughApiGatewayTest {

    private static final List<String> HTTP = List.of("ingest", "adapt", "recommend", "erase");
    private final Synth.Result synth = Synth.nativeDefaults();

    /** The policy documents of the AWS::Lambda::ResourcePolicy resources whose ResourceArn is {@code arn}. */
    private List<Map<?, ?>> policiesOf(Object arn) {
        return synth.ofType("AWS::Lambda::ResourcePolicy").stream().map(synth::properties)
                .filter(p -> arn.equals(p.get("ResourceArn"))).<Map<?, ?>>map(p -> (Map<?, ?>) p.get("PolicyDocument")).toList();
    }

    private static List<?> statements(Map<?, ?> document) { return (List<?>) document.get("Statement"); }

    private String route(String name) { return WildcardPolicies.flatten(synth.stack().resolve(synth.stack().httpApi().routeSourceArn(name))); }

    @Test
    void eachAlias_shouldAllowOnlyItsRoute_andDenyEveryoneElse() {
        for (String name : HTTP) {
            String alias = synth.logicalId(synth.stack().functions().alias(name));
            List<Map<?, ?>> policies = policiesOf(Map.of("Ref", alias));
            assertEquals(1, policies.size(), name + ": one policy for the alias");
            Map<?, ?> allow = (Map<?, ?>) statements(policies.get(0)).get(0);
            Map<?, ?> deny = (Map<?, ?>) statements(policies.get(0)).get(1);
            assertEquals("Allow", allow.get("Effect"));
            assertEquals(Map.of("Service", "apigateway.amazonaws.com"), allow.get("Principal"));
            String allowed = WildcardPolicies.flatten(((Map<?, ?>) ((Map<?, ?>) allow.get("Condition")).get("ArnLike")).get("aws:SourceArn"));
            assertTrue(allowed.endsWith("/*/*/" + name) && allowed.contains("execute-api"), name + ": " + allowed);
            assertEquals(route(name), allowed);
            assertEquals("Deny", deny.get("Effect"));
            assertEquals("*", deny.get("Principal"));
            assertTrue(((List<?>) deny.get("Action")).contains("lambda:InvokeFunction"));
            assertEquals(allowed, WildcardPolicies.flatten(((Map<?, ?>) ((Map<?, ?>) deny.get("Condition")).get("ArnNotLike")).get("aws:SourceArn")),
                    name + ": everything but this API's route is denied");
        }
    }

    @Test
    void theFunctionAndItsVersion_shouldDenyDirectCalls_andTheVersionsPolicyOutliveTheVersion() {
        for (String name : HTTP) {
            var function = synth.stack().functions().function(name);
            String fn = synth.logicalId(function);
            List<Map<?, ?>> unqualified = policiesOf(Map.of("Fn::GetAtt", List.of(fn, "Arn")));
            assertEquals(1, unqualified.size(), name + ": " + synth.ofType("AWS::Lambda::ResourcePolicy").stream()
                    .map(id -> synth.properties(id).get("ResourceArn")).toList());
            assertEquals("Deny", ((Map<?, ?>) statements(unqualified.get(0)).get(0)).get("Effect"));
            Object version = synth.stack().resolve(function.getCurrentVersion().getFunctionArn());
            List<String> versionPolicies = synth.ofType("AWS::Lambda::ResourcePolicy").stream()
                    .filter(id -> version.equals(synth.properties(id).get("ResourceArn"))).toList();
            assertEquals(1, versionPolicies.size(), name);
            assertEquals("Retain", synth.resource(versionPolicies.get(0)).get("DeletionPolicy"), name + ": an old version stays closed");
        }
    }

    @Test
    void noPermissionResource_andNoRole_shouldOpenAnHttpFunctionToAnyoneElse() {
        for (String name : HTTP) {
            String alias = synth.logicalId(synth.stack().functions().alias(name));
            String fn = synth.logicalId(synth.stack().functions().function(name));
            for (String permission : synth.ofType("AWS::Lambda::Permission")) {
                String target = synth.properties(permission).get("FunctionName").toString();
                assertFalse(target.contains(alias) || target.contains(fn), name + " is opened by " + permission + " (" + target + ")");
            }
        }
        for (String policy : synth.ofType("AWS::IAM::Policy")) {
            assertFalse(synth.properties(policy).toString().contains("lambda:InvokeFunction"), policy + " may invoke a function");
        }
    }
}
