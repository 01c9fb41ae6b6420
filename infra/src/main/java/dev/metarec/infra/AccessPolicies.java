package dev.metarec.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The least-privilege matrix: which function may do what on which table and S3 prefix. Every statement
 * names its actions and resources explicitly (no {@code *} actions, no {@code *} resources); S3 object
 * access is limited to the prefixes of the data model.
 *
 * <p>The actions are the SDK calls the adapters in {@code functions/stores} make for the services each
 * function runs: {@code CatalogStore.all()} and {@code ItemStatsStore.all()} scan the catalogue tables
 * (ingest too: it scores new events against the catalogue snapshot), {@code EventStore.recent} queries
 * the {@code byTime} index and {@code count} the table, {@code CatalogStore.upsert} puts the item,
 * bumps the catalogue version counter in {@code control} and logs the change there (UpdateItems); an
 * incremental catalogue refresh reads that log and the changed items with BatchGetItem. Ingest's
 * exactly-once item statistics read a redelivered event (GetItem) and claim/mark it (UpdateItem on
 * events) around the counter's conditional UpdateItem; {@code EventStore.eraseUser}
 * queries the user's keys and deletes them with BatchWriteItem. Meta-train first applies the statistics
 * of events an interrupted ingest left unapplied (a filtered Scan, then the same claim/mark UpdateItems on
 * events and the counter's UpdateItem). Only meta-train scans events and
 * profiles, writes checkpoints and moves the champion pointer (conditional PutItem on {@code control}).
 * Meta-train may list the bucket so that S3 answers a missing {@code training/progress.bin} with 404
 * (not 403), which the adapter reads as "no progress yet".
 */
public final class AccessPolicies {

    public static final String GET = "dynamodb:GetItem";
    public static final String QUERY = "dynamodb:Query";
    public static final String SCAN = "dynamodb:Scan";
    public static final String PUT = "dynamodb:PutItem";
    public static final String UPDATE = "dynamodb:UpdateItem";
    public static final String DELETE = "dynamodb:DeleteItem";
    public static final String BATCH_WRITE = "dynamodb:BatchWriteItem";
    public static final String BATCH_GET = "dynamodb:BatchGetItem";

    /** What one function may do on one table; {@code withIndex} also grants the events {@code byTime} index. */
    public record TableAccess(DataTable table, List<String> actions, boolean withIndex) {
    }

    /** What one function may do on the objects under one S3 prefix. */
    public record ObjectAccess(String prefix, List<String> actions) {
    }

    /** A function's whole data access; {@code listBucket} lets S3 answer 404 rather than 403 for missing keys. */
    public record Access(List<TableAccess> tables, List<ObjectAccess> objects, boolean listBucket) {
    }

    /** Item lookups and the whole-catalogue reads of {@code CatalogStore.all()} / {@code ItemStatsStore.all()}. */
    private static final List<String> CATALOGUE_READ = List.of(GET, SCAN);
    /** As above plus {@code CatalogStore.findAll} (BatchGetItem): the changed items of an incremental refresh. */
    private static final List<String> ITEMS_READ = List.of(GET, SCAN, BATCH_GET);
    private static final ObjectAccess READ_CHECKPOINTS =
            new ObjectAccess(DataStores.CHECKPOINTS_PREFIX, List.of("s3:GetObject"));

    /** What adapt and recommend (which adapts on the fly) may do. */
    private static final Access SERVING = new Access(List.of(
            new TableAccess(DataTable.EVENTS, List.of(QUERY), true),
            new TableAccess(DataTable.PROFILES, List.of(GET), false),
            new TableAccess(DataTable.ITEMS, ITEMS_READ, false),
            new TableAccess(DataTable.ITEM_STATS, CATALOGUE_READ, false),
            new TableAccess(DataTable.FAST_WEIGHTS, List.of(GET, PUT), false),
            new TableAccess(DataTable.CONTROL, List.of(GET, BATCH_GET), false)),
            List.of(READ_CHECKPOINTS), false);

    /** The matrix, by function name. */
    public static final Map<String, Access> MATRIX = Map.of(
            "ingest", new Access(List.of(
                    new TableAccess(DataTable.EVENTS, List.of(PUT, GET, UPDATE), false),
                    new TableAccess(DataTable.ITEMS, List.of(GET, SCAN, BATCH_GET, PUT), false),
                    new TableAccess(DataTable.ITEM_STATS, List.of(UPDATE), false),
                    new TableAccess(DataTable.PROFILES, List.of(GET, PUT), false),
                    new TableAccess(DataTable.CONTROL, List.of(GET, UPDATE, BATCH_GET), false)),
                    List.of(READ_CHECKPOINTS), false),
            "adapt", SERVING,
            "recommend", SERVING,
            "erase", new Access(List.of(
                    new TableAccess(DataTable.EVENTS, List.of(QUERY, BATCH_WRITE), false),
                    new TableAccess(DataTable.PROFILES, List.of(DELETE), false),
                    new TableAccess(DataTable.FAST_WEIGHTS, List.of(DELETE), false)),
                    List.of(), false),
            "meta-train", new Access(List.of(
                    new TableAccess(DataTable.EVENTS, List.of(SCAN, UPDATE), false),
                    new TableAccess(DataTable.ITEM_STATS, List.of(UPDATE), false),
                    new TableAccess(DataTable.ITEMS, ITEMS_READ, false),
                    new TableAccess(DataTable.PROFILES, List.of(GET, SCAN), false),
                    new TableAccess(DataTable.CONTROL, List.of(GET, PUT, BATCH_GET), false)),
                    List.of(new ObjectAccess(DataStores.CHECKPOINTS_PREFIX, List.of("s3:GetObject", "s3:PutObject")),
                            new ObjectAccess(DataStores.TRAINING_PREFIX,
                                    List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")),
                            new ObjectAccess(DataStores.EVENT_LOG_PREFIX,
                                    List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"))),
                    true));

    private AccessPolicies() {
    }

    /** The explicit statements for a function's data access. */
    public static List<PolicyStatement> statements(String function, DataStores stores) {
        Access access = MATRIX.get(function);
        if (access == null) {
            throw new IllegalArgumentException("no access matrix entry for function '" + function
                    + "'; known: " + MATRIX.keySet());
        }
        List<PolicyStatement> statements = new ArrayList<>();
        for (TableAccess grant : access.tables()) {
            String arn = stores.table(grant.table()).getTableArn();
            List<String> resources = grant.withIndex()
                    ? List.of(arn, arn + "/index/" + DataTable.EVENTS_BY_TIME_INDEX)
                    : List.of(arn);
            statements.add(allow(grant.actions(), resources));
        }
        for (ObjectAccess grant : access.objects()) {
            statements.add(allow(grant.actions(), List.of(stores.bucket().arnForObjects(grant.prefix() + "*"))));
        }
        if (access.listBucket()) {
            statements.add(allow(List.of("s3:ListBucket"), List.of(stores.bucket().getBucketArn())));
        }
        return statements;
    }

    static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }
}
