package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FunctionsTest {

    private static final String NATIVE_HANDLER = "not.used.in.provided.runtime";
    private static final String JVM_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private final Synth.Result synth = Synth.nativeDefaults();

    private Map<String, Object> function(Synth.Result result, String name) {
        return result.properties(result.logicalId(result.stack().functions().function(name)));
    }

    @Test
    void functions_shouldBeNativeOnArm64_byDefault() {
        assertEquals(5, synth.ofType("AWS::Lambda::Function").size());
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            Map<String, Object> props = function(synth, spec.name());
            assertEquals("provided.al2023", props.get("Runtime"), spec.name());
            assertEquals(NATIVE_HANDLER, props.get("Handler"), spec.name());
            assertEquals(List.of("arm64"), props.get("Architectures"), spec.name());
            assertNull(props.get("SnapStart"), spec.name() + ": no SnapStart for native");
            assertEquals("true", env(props).get("DISABLE_SIGNAL_HANDLERS"), spec.name());
        }
    }

    @Test
    void functions_shouldRunOnJava21WithSnapStartOnTheChosenArchitecture_whenJvmIsChosen() {
        Synth.Result jvm = Synth.jvmVariant();
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            Map<String, Object> props = function(jvm, spec.name());
            assertEquals("java21", props.get("Runtime"), spec.name());
            assertEquals(JVM_HANDLER, props.get("Handler"), spec.name());
            assertEquals(Map.of("ApplyOn", "PublishedVersions"), props.get("SnapStart"), spec.name());
            assertEquals(List.of("x86_64"), props.get("Architectures"), spec.name());
            assertFalse(env(props).containsKey("DISABLE_SIGNAL_HANDLERS"), spec.name());
        }
    }

    @Test
    void functions_shouldHaveTheirOwnMemoryTimeoutAndReservedConcurrency() {
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            Map<String, Object> props = function(synth, spec.name());
            assertEquals(spec.memoryMb(), props.get("MemorySize"), spec.name() + " memory");
            assertEquals(spec.timeout().toSeconds(), props.get("Timeout"), spec.name() + " timeout");
            assertEquals(spec.reservedConcurrency(), props.get("ReservedConcurrentExecutions"),
                    spec.name() + " reserved concurrency");
        }
        assertEquals(900, function(synth, "meta-train").get("Timeout"), "meta-train gets Lambda's maximum");
        assertEquals(1, function(synth, "meta-train").get("ReservedConcurrentExecutions"),
                "one meta-train run at a time");
        int longestHttp = FunctionSpec.defaults().stream().filter(FunctionSpec::http)
                .mapToInt(s -> s.timeout().toSeconds().intValue()).max().orElseThrow();
        assertTrue(longestHttp < 900, "meta-train has the longest timeout");
    }

    @Test
    void reservedConcurrency_shouldBeOmitted_whenSwitchedOff() {
        Synth.Result jvm = Synth.jvmVariant();
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            assertNull(function(jvm, spec.name()).get("ReservedConcurrentExecutions"), spec.name());
        }
    }

    @Test
    void functions_shouldReadTableNamesAndBucketFromTheirEnvironment() {
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            Map<?, ?> env = env(function(synth, spec.name()));
            for (DataTable table : DataTable.values()) {
                assertEquals(Map.of("Ref", synth.logicalId(synth.stack().stores().table(table))),
                        env.get(table.environmentVariable()), spec.name() + " " + table.environmentVariable());
            }
            assertEquals(Map.of("Ref", synth.logicalId(synth.stack().stores().bucket())), env.get("METAREC_S3_BUCKET"));
            assertEquals(Map.of("Ref", MetarecStack.PARAM_ADMIN_SCOPE), env.get("METAREC_AUTH_ADMIN_SCOPE"));
            assertEquals(spec.name(), env.get("METAREC_FUNCTION"));
        }
        assertEquals("METAREC_DYNAMODB_ITEM_STATS_TABLE", DataTable.ITEM_STATS.environmentVariable());
        assertEquals("METAREC_DYNAMODB_FAST_WEIGHTS_TABLE", DataTable.FAST_WEIGHTS.environmentVariable());
    }

    @Test
    void extraEnvironment_shouldReachEveryFunction_andOnlyWhenGiven() {
        Synth.Result jvm = Synth.jvmVariant();
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            assertEquals("PT30S", env(function(jvm, spec.name())).get("METAREC_SERVING_STATS_REFRESH"), spec.name());
            assertFalse(env(function(synth, spec.name())).containsKey("METAREC_SERVING_STATS_REFRESH"), spec.name());
        }
    }

    @Test
    void resources_shouldBeTaggedWithTheProject() {
        synth.template().hasResourceProperties("AWS::DynamoDB::Table", software.amazon.awscdk.assertions.Match
                .objectLike(Map.of("Tags", List.of(Map.of("Key", "project", "Value", "metarec")))));
        synth.template().hasResourceProperties("AWS::Lambda::Function", software.amazon.awscdk.assertions.Match
                .objectLike(Map.of("Tags", List.of(Map.of("Key", "project", "Value", "metarec")))));
    }

    @Test
    void everyFunction_shouldLogToItsOwnLogGroupWithRetention() {
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            String logGroup = synth.logicalId(synth.stack().functions().logGroup(spec.name()));
            assertEquals(Map.of("LogGroup", Map.of("Ref", logGroup)), function(synth, spec.name()).get("LoggingConfig"),
                    spec.name());
            assertEquals(30, synth.properties(logGroup).get("RetentionInDays"), spec.name() + " retention");
        }
        for (String id : synth.ofType("AWS::Logs::LogGroup")) {
            assertTrue(synth.properties(id).containsKey("RetentionInDays"), id + " has a retention");
        }
        assertTrue(synth.ofType("Custom::LogRetention").isEmpty(), "no log-retention custom resource (it needs *)");
    }

    @Test
    void everyFunction_shouldBeInvokedThroughALiveAliasOnItsCurrentVersion() {
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            Map<String, Object> alias = synth.properties(synth.logicalId(synth.stack().functions().alias(spec.name())));
            assertEquals("live", alias.get("Name"));
            assertEquals(Map.of("Ref", synth.logicalId(synth.stack().functions().function(spec.name()))),
                    alias.get("FunctionName"));
            assertTrue(((Map<?, ?>) alias.get("FunctionVersion")).containsKey("Fn::GetAtt"), spec.name());
        }
    }

    private static Map<?, ?> env(Map<String, Object> props) {
        return (Map<?, ?>) ((Map<?, ?>) props.get("Environment")).get("Variables");
    }
}
