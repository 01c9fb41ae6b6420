package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;

class DataStoresTest {

    private final Synth.Result synth = Synth.nativeDefaults();

    private Map<String, Object> table(DataTable table) {
        return synth.properties(synth.logicalId(synth.stack().stores().table(table)));
    }

    @Test
    void tables_shouldHaveTheKeysOfTheDataModel() {
        assertEquals(6, synth.ofType("AWS::DynamoDB::Table").size());
        assertEquals(List.of(hash("userId"), range("eventId")), table(DataTable.EVENTS).get("KeySchema"));
        assertEquals(List.of(hash("itemId")), table(DataTable.ITEMS).get("KeySchema"));
        assertEquals(List.of(hash("itemId")), table(DataTable.ITEM_STATS).get("KeySchema"));
        assertEquals(List.of(hash("userId")), table(DataTable.PROFILES).get("KeySchema"));
        assertEquals(List.of(hash("userId")), table(DataTable.FAST_WEIGHTS).get("KeySchema"));
        assertEquals(List.of(hash("name")), table(DataTable.CONTROL).get("KeySchema"));
    }

    @Test
    void eventsTable_shouldHaveTheByTimeIndexOnNumericTs() {
        Map<String, Object> events = table(DataTable.EVENTS);

        assertEquals(List.of(Map.of(
                "IndexName", "byTime",
                "KeySchema", List.of(hash("userId"), range("ts")),
                "Projection", Map.of("ProjectionType", "ALL"))), events.get("LocalSecondaryIndexes"));
        assertTrue(((List<?>) events.get("AttributeDefinitions"))
                .contains(Map.of("AttributeName", "ts", "AttributeType", "N")));
    }

    @Test
    void everyTable_shouldBeOnDemandWithTtlPitrAndKmsEncryption() {
        for (DataTable table : DataTable.values()) {
            Map<String, Object> props = table(table);
            assertEquals("PAY_PER_REQUEST", props.get("BillingMode"), table + " billing");
            assertEquals(Map.of("AttributeName", "expiresAt", "Enabled", true),
                    props.get("TimeToLiveSpecification"), table + " TTL");
            assertEquals(Map.of("PointInTimeRecoveryEnabled", true),
                    props.get("PointInTimeRecoverySpecification"), table + " PITR");
            // SSEEnabled without a key id: KMS with the AWS-managed key aws/dynamodb (not the default owned key).
            assertEquals(Map.of("SSEEnabled", true), props.get("SSESpecification"), table + " encryption");
        }
    }

    @Test
    void tables_shouldBeRetainedAndDeletionProtected_byDefault() {
        for (DataTable table : DataTable.values()) {
            String id = synth.logicalId(synth.stack().stores().table(table));
            assertEquals("Retain", synth.resource(id).get("DeletionPolicy"), table + " deletion policy");
            assertEquals(true, synth.properties(id).get("DeletionProtectionEnabled"), table + " protection");
        }
    }

    @Test
    void tables_shouldBeDeletedWithTheStack_whenDataIsNotRetained() {
        Synth.Result jvm = Synth.jvmVariant();
        for (DataTable table : DataTable.values()) {
            String id = jvm.logicalId(jvm.stack().stores().table(table));
            assertEquals("Delete", jvm.resource(id).get("DeletionPolicy"), table + " deletion policy");
            assertEquals(false, jvm.properties(id).get("DeletionProtectionEnabled"), table + " protection");
        }
    }

    @Test
    void bucket_shouldBeVersionedEncryptedPrivate() {
        Map<String, Object> bucket = synth.properties(synth.logicalId(synth.stack().stores().bucket()));

        assertEquals(Map.of("Status", "Enabled"), bucket.get("VersioningConfiguration"));
        assertEquals(Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "BucketKeyEnabled", true,
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms")))),
                bucket.get("BucketEncryption"));
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), bucket.get("PublicAccessBlockConfiguration"));
    }

    @Test
    void bucket_shouldExpireEventLogExportsAndOldVersions() {
        Map<String, Object> bucket = synth.properties(synth.logicalId(synth.stack().stores().bucket()));
        List<?> rules = (List<?>) ((Map<?, ?>) bucket.get("LifecycleConfiguration")).get("Rules");

        assertTrue(rules.contains(Map.of("Id", "expire-event-log", "Prefix", "event-log/",
                "ExpirationInDays", DataStores.EVENT_LOG_EXPIRY_DAYS, "Status", "Enabled")), rules.toString());
        assertTrue(rules.contains(Map.of("Id", "expire-exports", "Prefix", "exports/",
                "ExpirationInDays", DataStores.EXPORT_EXPIRY_DAYS,
                "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 1), "Status", "Enabled")), rules.toString());
        assertTrue(rules.stream().anyMatch(rule -> ((Map<?, ?>) rule).get("NoncurrentVersionExpiration") != null
                && !((Map<?, ?>) rule).containsKey("Prefix")), "noncurrent versions expire bucket-wide: " + rules);
    }

    @Test
    void bucket_shouldRefuseRequestsWithoutTls() {
        synth.template().hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Action", "s3:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))),
                "Bucket", Map.of("Ref", synth.logicalId(synth.stack().stores().bucket()))));
    }

    private static Map<String, String> hash(String name) {
        return Map.of("AttributeName", name, "KeyType", "HASH");
    }

    private static Map<String, String> range(String name) {
        return Map.of("AttributeName", name, "KeyType", "RANGE");
    }
}
