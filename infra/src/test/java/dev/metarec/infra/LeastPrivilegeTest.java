package dev.metarec.infra;

import static dev.metarec.infra.PolicyGrants.each;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each role's grants, written out by hand from the data model in the brief (not derived from
 * {@link AccessPolicies}, so a change there that widens access fails here).
 */
class LeastPrivilegeTest {

    private static final String EVENTS = "table:events";
    private static final String EVENTS_AND_INDEX = "table:events table:events/index/byTime";

    private final Synth.Result synth = Synth.nativeDefaults();
    private final PolicyGrants grants = new PolicyGrants(synth);

    private static Set<String> expected(String function, List<List<String>> parts) {
        Set<String> all = new TreeSet<>(each("logs:CreateLogStream logs:PutLogEvents", "logs:" + function));
        parts.forEach(all::addAll);
        return all;
    }

    @Test
    void ingest_shouldWriteEventsItemsStatsProfiles_andReadControlAndCheckpoints() {
        assertEquals(expected("ingest", List.of(
                // GetItem/UpdateItem: a redelivered event's statistics state is read, claimed and marked applied.
                each("dynamodb:PutItem dynamodb:GetItem dynamodb:UpdateItem", EVENTS),
                // Scan/BatchGetItem: residuals of new events are scored against the catalogue snapshot (full, then incremental).
                each("dynamodb:GetItem dynamodb:Scan dynamodb:BatchGetItem dynamodb:PutItem", "table:items"),
                each("dynamodb:UpdateItem", "table:item-stats"),
                each("dynamodb:GetItem dynamodb:PutItem", "table:profiles"),
                // UpdateItem: CatalogStore.upsert bumps the catalogue version counter and logs the change; BatchGetItem reads the log.
                each("dynamodb:GetItem dynamodb:UpdateItem dynamodb:BatchGetItem", "table:control"),
                each("s3:GetObject", "bucket/checkpoints/*"))), grants.ofFunction("ingest"));
    }

    @Test
    void adapt_shouldReadUserAndCatalogue_andWriteOnlyFastWeights() {
        assertEquals(expected("adapt", readerGrants()), grants.ofFunction("adapt"));
    }

    @Test
    void recommend_shouldReadUserAndCatalogue_andWriteOnlyFastWeights() {
        assertEquals(expected("recommend", readerGrants()), grants.ofFunction("recommend"));
    }

    private static List<List<String>> readerGrants() {
        return List.of(
                each("dynamodb:Query", EVENTS_AND_INDEX),
                each("dynamodb:GetItem", "table:profiles"),
                each("dynamodb:GetItem dynamodb:Scan", "table:items table:item-stats"),
                each("dynamodb:BatchGetItem", "table:items table:control"),
                each("dynamodb:GetItem dynamodb:PutItem", "table:fast-weights"),
                each("dynamodb:GetItem", "table:control"),
                each("s3:GetObject", "bucket/checkpoints/*"));
    }

    @Test
    void erase_shouldOnlyFindAndDeleteTheUsersRecords() {
        assertEquals(expected("erase", List.of(
                // Single deletes (no BatchWriteItem, which also allows puts); Get/Put: contribution records taken back.
                each("dynamodb:Query dynamodb:DeleteItem dynamodb:GetItem dynamodb:PutItem", EVENTS),
                each("dynamodb:UpdateItem", "table:item-stats"),
                each("dynamodb:DeleteItem", "table:profiles"),
                // GetItem, then PutItem of a tombstone only (DataAccessHardeningTest checks the attribute condition).
                each("dynamodb:GetItem dynamodb:PutItem", "table:fast-weights"),
                each("s3:PutObject", "bucket/erasures/*"))), grants.ofFunction("erase"));
    }

    @Test
    void metaTrain_shouldReadTrainingData_andWriteCheckpointsProgressEventLogAndControl() {
        assertEquals(expected("meta-train", List.of(
                // GetItem/PutItem: contribution records finished by the statistics repair.
                each("dynamodb:Scan dynamodb:UpdateItem dynamodb:GetItem dynamodb:PutItem", EVENTS),
                // Scan: stray pending tokens the repair removes.
                each("dynamodb:UpdateItem dynamodb:Scan", "table:item-stats"),
                each("dynamodb:GetItem dynamodb:Scan", "table:items table:profiles"),
                each("dynamodb:BatchGetItem", "table:items"),
                each("dynamodb:GetItem dynamodb:PutItem dynamodb:BatchGetItem", "table:control"),
                each("s3:GetObject s3:PutObject", "bucket/checkpoints/*"),
                each("s3:GetObject s3:PutObject s3:DeleteObject", "bucket/training/* bucket/event-log/*"),
                each("s3:ListBucket", "bucket"),
                each("sqs:SendMessage sqs:GetQueueAttributes sqs:GetQueueUrl", "queue:meta-train-dlq"))),
                grants.ofFunction("meta-train"));
    }

    @Test
    void onlyMetaTrain_shouldWriteCheckpointsOrMoveTheChampion() {
        for (String function : List.of("ingest", "adapt", "recommend", "erase")) {
            Set<String> granted = grants.ofFunction(function);
            assertFalse(granted.contains("s3:PutObject on bucket/checkpoints/*"), function);
            assertFalse(granted.contains("dynamodb:PutItem on table:control"), function);
            assertFalse(granted.stream().anyMatch(g -> g.startsWith("dynamodb:Scan on table:events")), function);
        }
    }

    @Test
    void roles_shouldBeAssumableOnlyByLambda_andCarryNoManagedPolicies() {
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            Map<String, Object> role = synth.properties(synth.logicalId(synth.stack().functions().role(spec.name())));
            assertNull(role.get("ManagedPolicyArns"), spec.name() + " has no managed policies");
            assertEquals(List.of(Map.of("Action", "sts:AssumeRole", "Effect", "Allow",
                            "Principal", Map.of("Service", "lambda.amazonaws.com"))),
                    ((Map<?, ?>) role.get("AssumeRolePolicyDocument")).get("Statement"), spec.name());
        }
        assertEquals(5, synth.ofType("AWS::IAM::Role").size(), "one role per function, no others");
        for (String policy : synth.ofType("AWS::IAM::Policy")) {
            assertEquals(1, ((List<?>) synth.properties(policy).get("Roles")).size(), policy + " attaches to one role");
        }
    }

    @Test
    void grantReaderTest_shouldNameResources() {
        assertEquals("bucket/checkpoints/*", grants.name(Map.of("Fn::Join", List.of("", List.of(
                Map.of("Fn::GetAtt", List.of(synth.logicalId(synth.stack().stores().bucket()), "Arn")),
                "/checkpoints/*")))));
        assertEquals(List.of("a on x", "a on y", "b on x", "b on y"), Stream.of(each("a b", "x y")).flatMap(List::stream).toList());
    }
}
