package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 11.10 in the template: ingest may update only the catalogue's control items (not the champion pointer),
 * erase deletes single items (no BatchWriteItem, which also allows puts) and may put only contribution records and
 * tombstones, meta-train lists only its own prefixes, and a checkpoint object cannot be replaced or deleted.
 */
class DataAccessHardeningTest {

    private final Synth.Result synth = Synth.nativeDefaults();
    private final PolicyGrants grants = new PolicyGrants(synth);

    /** Every Allow statement of a function's role, with its actions, named resources and condition. */
    private List<Map<?, ?>> statementsOf(String function) {
        String role = synth.logicalId(synth.stack().functions().role(function));
        List<Map<?, ?>> out = new ArrayList<>();
        for (String policy : synth.ofType("AWS::IAM::Policy")) {
            Map<String, Object> props = synth.properties(policy);
            if (((List<?>) props.get("Roles")).contains(Map.of("Ref", role))) {
                for (Object s : (List<?>) ((Map<?, ?>) props.get("PolicyDocument")).get("Statement")) out.add((Map<?, ?>) s);
            }
        }
        return out;
    }

    private static List<?> list(Object v) { return v instanceof List<?> l ? l : List.of(v); }

    private List<Map<?, ?>> granting(String function, String action, String table) {
        return statementsOf(function).stream().filter(s -> list(s.get("Action")).contains(action))
                .filter(s -> list(s.get("Resource")).stream().anyMatch(r -> grants.name(r).equals(table))).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void ingest_shouldUpdateOnlyTheCatalogueItemsOfTheControlTable_neverTheChampion() {
        List<Map<?, ?>> updates = granting("ingest", "dynamodb:UpdateItem", "table:control");
        assertEquals(1, updates.size());
        assertEquals(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("catalogue-version", "catalogue-change#*"))),
                updates.get(0).get("Condition"));
        assertFalse(grants.ofFunction("ingest").contains("dynamodb:PutItem on table:control"));
    }

    @Test
    void erase_shouldDeleteSingleItems_andPutOnlyContributionRecordsAndTombstones() {
        assertFalse(grants.ofFunction("erase").stream().anyMatch(g -> g.startsWith("dynamodb:BatchWriteItem")), grants.ofFunction("erase").toString());
        assertTrue(grants.ofFunction("erase").contains("dynamodb:DeleteItem on table:events"));
        Map<?, ?> events = (Map<?, ?>) granting("erase", "dynamodb:PutItem", "table:events").get(0).get("Condition");
        List<?> attributes = (List<?>) ((Map<?, ?>) events.get("ForAllValues:StringEquals")).get("dynamodb:Attributes");
        assertFalse(attributes.contains("ts") || attributes.contains("type") || attributes.contains("value"), "cannot write an event: " + attributes);
        Map<?, ?> weights = (Map<?, ?>) granting("erase", "dynamodb:PutItem", "table:fast-weights").get(0).get("Condition");
        assertEquals(Map.of("ForAllValues:StringEquals", Map.of("dynamodb:Attributes", List.of("userId", "erasedUntil", "expiresAt"))), weights);
    }

    @Test
    void metaTrain_shouldListOnlyItsOwnPrefixes() {
        List<Map<?, ?>> list = statementsOf("meta-train").stream().filter(s -> list(s.get("Action")).contains("s3:ListBucket")).collect(java.util.stream.Collectors.toList());
        assertEquals(1, list.size());
        assertEquals(Map.of("StringLike", Map.of("s3:prefix", List.of("training/*", "event-log/*", "erasures/*"))), list.get(0).get("Condition"));
        for (String f : List.of("ingest", "adapt", "recommend", "erase"))
            assertTrue(statementsOf(f).stream().noneMatch(s -> list(s.get("Action")).contains("s3:ListBucket")), f);
    }

    @Test
    void checkpoints_shouldBeWriteOnce_andNeverDeleted_byAnyone() {
        String bucket = synth.logicalId(synth.stack().stores().bucket());
        List<?> statements = synth.ofType("AWS::S3::BucketPolicy").stream().map(synth::properties)
                .filter(p -> Map.of("Ref", bucket).equals(p.get("Bucket")))
                .flatMap(p -> ((List<?>) ((Map<?, ?>) p.get("PolicyDocument")).get("Statement")).stream()).toList();
        Map<?, ?> writeOnce = find(statements, "CheckpointsAreWriteOnce");
        assertEquals("Deny", writeOnce.get("Effect"));
        assertEquals("s3:PutObject", writeOnce.get("Action"));
        assertEquals(Map.of("Null", Map.of("s3:if-none-match", "true")), writeOnce.get("Condition"));
        assertEquals("bucket/checkpoints/*", grants.name(writeOnce.get("Resource")));
        Map<?, ?> noDelete = find(statements, "CheckpointsAreNeverDeleted");
        assertEquals("Deny", noDelete.get("Effect"));
        assertEquals("s3:DeleteObject", noDelete.get("Action"));
        assertEquals("bucket/checkpoints/*", grants.name(noDelete.get("Resource")));
    }

    private static Map<?, ?> find(List<?> statements, String sid) {
        return statements.stream().map(s -> (Map<?, ?>) s).filter(s -> sid.equals(s.get("Sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + statements));
    }
}
