package dev.metarec.infra;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.LocalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The DynamoDB tables and the S3 bucket of the shared data model: on-demand tables with TTL
 * ({@code expiresAt}), point-in-time recovery and KMS encryption (AWS-managed key); a versioned,
 * KMS-encrypted (AWS-managed key, bucket key on), private, TLS-only bucket whose {@code event-log/} and
 * {@code erasures/} objects and the Spark trainer's {@code exports/} expire after days, noncurrent versions of what
 * derives from users' events after a day (other noncurrent versions after a month), and whose checkpoints are
 * write-once.
 */
public final class DataStores extends Construct {

    /** S3 prefixes of the data model. */
    public static final String CHECKPOINTS_PREFIX = "checkpoints/";
    public static final String TRAINING_PREFIX = "training/";
    public static final String EVENT_LOG_PREFIX = "event-log/";
    /** The erasure log: {@code erasures/<epoch ms>-<sha256 of the user id>}, read by meta-train. */
    public static final String ERASURES_PREFIX = "erasures/";
    /** DynamoDB's table exports for the Spark trainer ({@link SparkTrainer}), one folder per execution. */
    public static final String EXPORTS_PREFIX = "exports/";

    /**
     * Days after which meta-train's event-log snapshots (and erasure-log entries) expire: longer than a run may
     * last (meta-train starts a run older than two days again), short because a snapshot holds events.
     */
    public static final int EVENT_LOG_EXPIRY_DAYS = 3;
    /**
     * Days after which table exports expire: a run reads its export within hours, and an export is a copy of
     * every user's events (an erased user's events stay in it until it expires).
     */
    public static final int EXPORT_EXPIRY_DAYS = 3;
    /** Days a replaced or deleted snapshot, training progress or erasure-log entry stays as a noncurrent version. */
    public static final int PERSONAL_NONCURRENT_EXPIRY_DAYS = 1;
    /** Days a replaced (noncurrent) checkpoint version is kept for recovery. */
    public static final int NONCURRENT_EXPIRY_DAYS = 30;

    private final Map<DataTable, Table> tables = new EnumMap<>(DataTable.class);
    private final Bucket bucket;

    public DataStores(Construct scope, String id, boolean retainData) {
        super(scope, id);
        RemovalPolicy removal = retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        for (DataTable table : DataTable.values()) {
            tables.put(table, table(table, removal, retainData));
        }
        tables.get(DataTable.EVENTS).addLocalSecondaryIndex(LocalSecondaryIndexProps.builder()
                .indexName(DataTable.EVENTS_BY_TIME_INDEX)
                .sortKey(Attribute.builder().name(DataTable.EVENTS_TIME_ATTRIBUTE).type(AttributeType.NUMBER).build())
                .build());
        bucket = Bucket.Builder.create(this, "Bucket")
                .versioned(true)
                .encryption(BucketEncryption.KMS_MANAGED)
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .removalPolicy(removal)
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("expire-event-log").prefix(EVENT_LOG_PREFIX)
                                .expiration(Duration.days(EVENT_LOG_EXPIRY_DAYS)).build(),
                        LifecycleRule.builder().id("expire-erasure-log").prefix(ERASURES_PREFIX)
                                .expiration(Duration.days(EVENT_LOG_EXPIRY_DAYS)).build(),
                        // Data derived from users' events leaves noncurrent versions after a day, not a month.
                        LifecycleRule.builder().id("expire-noncurrent-event-log").prefix(EVENT_LOG_PREFIX)
                                .noncurrentVersionExpiration(Duration.days(PERSONAL_NONCURRENT_EXPIRY_DAYS)).build(),
                        LifecycleRule.builder().id("expire-noncurrent-training").prefix(TRAINING_PREFIX)
                                .noncurrentVersionExpiration(Duration.days(PERSONAL_NONCURRENT_EXPIRY_DAYS)).build(),
                        LifecycleRule.builder().id("expire-noncurrent-erasure-log").prefix(ERASURES_PREFIX)
                                .noncurrentVersionExpiration(Duration.days(PERSONAL_NONCURRENT_EXPIRY_DAYS)).build(),
                        // The shorter of two overlapping expirations wins, so expired exports do not linger
                        // for the bucket-wide noncurrent period.
                        LifecycleRule.builder().id("expire-exports").prefix(EXPORTS_PREFIX)
                                .expiration(Duration.days(EXPORT_EXPIRY_DAYS))
                                .noncurrentVersionExpiration(Duration.days(1)).build(),
                        LifecycleRule.builder().id("expire-noncurrent-versions")
                                .noncurrentVersionExpiration(Duration.days(NONCURRENT_EXPIRY_DAYS))
                                .expiredObjectDeleteMarker(true)
                                .abortIncompleteMultipartUploadAfter(Duration.days(7)).build()))
                .build();
        // A promoted checkpoint is never replaced: every write under checkpoints/ must be conditional on the key not
        // existing (If-None-Match, as S3CheckpointStore sends it), and nobody may delete one (which would let a
        // conditional write put other bytes under its key). The champion pointer's SHA-256 catches the rest.
        bucket.addToResourcePolicy(PolicyStatement.Builder.create().sid("CheckpointsAreWriteOnce").effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal())).actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects(CHECKPOINTS_PREFIX + "*")))
                .conditions(Map.of("Null", Map.of("s3:if-none-match", "true"))).build());
        bucket.addToResourcePolicy(PolicyStatement.Builder.create().sid("CheckpointsAreNeverDeleted").effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal())).actions(List.of("s3:DeleteObject"))
                .resources(List.of(bucket.arnForObjects(CHECKPOINTS_PREFIX + "*"))).build());
    }

    private Table table(DataTable table, RemovalPolicy removal, boolean retainData) {
        Table.Builder builder = Table.Builder.create(this, table.constructId())
                .partitionKey(Attribute.builder().name(table.partitionKey()).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(DataTable.TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(retainData)
                .removalPolicy(removal);
        if (table.sortKey() != null) {
            builder.sortKey(Attribute.builder().name(table.sortKey()).type(AttributeType.STRING).build());
        }
        return builder.build();
    }

    public Table table(DataTable table) {
        return tables.get(table);
    }

    public Map<DataTable, Table> tables() {
        return Collections.unmodifiableMap(tables);
    }

    public Bucket bucket() {
        return bucket;
    }
}
