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
 * incremental catalogue refresh reads that log and the changed items with BatchGetItem (ingest may update
 * only those control items, not the champion pointer: {@code dynamodb:LeadingKeys}). Ingest's item statistics
 * read a redelivered event (GetItem), claim/mark it (UpdateItem), write the user's contribution record
 * (GetItem/PutItem on events) around the counter's conditional UpdateItem, and reserve the daily quota
 * (UpdateItem on events). Erase deletes one event at a time (DeleteItem, no BatchWriteItem), takes the user's
 * contributions back (PutItem restricted to contribution attributes, DeleteItem; UpdateItem on item-stats),
 * replaces the fast weights by a tombstone (PutItem restricted to its three attributes) and logs the erase
 * ({@code erasures/}). Meta-train first applies the statistics of events an interrupted ingest left unapplied
 * (a filtered Scan, the same claim/mark and contribution writes) and removes stray pending tokens (Scan and
 * UpdateItem on item-stats). Only meta-train scans events and profiles, writes checkpoints and moves the
 * champion pointer (conditional PutItem on {@code control}). Meta-train lists only {@code training/},
 * {@code event-log/} and {@code erasures/}.
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

    /**
     * What one function may do on one table; {@code withIndex} also grants the events {@code byTime} index;
     * {@code condition} (IAM condition block, empty for none) narrows the grant, e.g. to some partition keys.
     */
    public record TableAccess(DataTable table, List<String> actions, boolean withIndex, Map<String, Object> condition) {
        public TableAccess(DataTable table, List<String> actions, boolean withIndex) {
            this(table, actions, withIndex, Map.of());
        }
    }

    /** What one function may do on the objects under one S3 prefix. */
    public record ObjectAccess(String prefix, List<String> actions) {
    }

    /**
     * A function's whole data access; {@code listPrefixes} are the key prefixes it may list (and so get 404 rather
     * than 403 for missing keys under them), none for no {@code s3:ListBucket} at all.
     */
    public record Access(List<TableAccess> tables, List<ObjectAccess> objects, List<String> listPrefixes) {
    }

    /** Item lookups and the whole-catalogue reads of {@code CatalogStore.all()} / {@code ItemStatsStore.all()}. */
    private static final List<String> CATALOGUE_READ = List.of(GET, SCAN);
    /** As above plus {@code CatalogStore.findAll} (BatchGetItem): the changed items of an incremental refresh. */
    private static final List<String> ITEMS_READ = List.of(GET, SCAN, BATCH_GET);
    private static final ObjectAccess READ_CHECKPOINTS =
            new ObjectAccess(DataStores.CHECKPOINTS_PREFIX, List.of("s3:GetObject"));

    /**
     * The control-table items ingest may update: the catalogue version counter and the change log. Not the
     * champion pointer: only meta-train moves it ({@code dynamodb:LeadingKeys} is the partition key {@code name}).
     */
    public static final List<String> INGEST_CONTROL_KEYS = List.of("catalogue-version", "catalogue-change#*");

    /**
     * The attributes of an item-statistics contribution record in the events table: a role that writes only
     * these cannot forge an event (events carry {@code ts}, {@code type}, {@code value}).
     */
    public static final List<String> CONTRIBUTION_ATTRIBUTES = List.of("userId", "eventId", "itemId", "version", "eventTime",
            "eventToken", "residual", "positive", "retracting", "pendingToken", "pendingCount", "pendingResidual",
            "pendingPositives", "pendingRecentPositives", "pendingClaimedAt", "expiresAt");

    /** The attributes of an erase tombstone in the fast-weights table: erase can only replace weights by one. */
    public static final List<String> TOMBSTONE_ATTRIBUTES = List.of("userId", "erasedUntil", "expiresAt");

    private static Map<String, Object> onlyAttributes(List<String> attributes) {
        return Map.of("ForAllValues:StringEquals", Map.of("dynamodb:Attributes", attributes));
    }

    /** What adapt and recommend (which adapts on the fly) may do. */
    private static final Access SERVING = new Access(List.of(
            new TableAccess(DataTable.EVENTS, List.of(QUERY), true),
            new TableAccess(DataTable.PROFILES, List.of(GET), false),
            new TableAccess(DataTable.ITEMS, ITEMS_READ, false),
            new TableAccess(DataTable.ITEM_STATS, CATALOGUE_READ, false),
            new TableAccess(DataTable.FAST_WEIGHTS, List.of(GET, PUT), false),
            new TableAccess(DataTable.CONTROL, List.of(GET, BATCH_GET), false)),
            List.of(READ_CHECKPOINTS), List.of());

    /** The matrix, by function name. */
    public static final Map<String, Access> MATRIX = Map.of(
            "ingest", new Access(List.of(
                    // Events, their statistics state, the users' contribution records and daily quota counters.
                    new TableAccess(DataTable.EVENTS, List.of(PUT, GET, UPDATE), false),
                    new TableAccess(DataTable.ITEMS, List.of(GET, SCAN, BATCH_GET, PUT), false),
                    new TableAccess(DataTable.ITEM_STATS, List.of(UPDATE), false),
                    new TableAccess(DataTable.PROFILES, List.of(GET, PUT), false),
                    new TableAccess(DataTable.CONTROL, List.of(GET, BATCH_GET), false),
                    new TableAccess(DataTable.CONTROL, List.of(UPDATE), false,
                            Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", INGEST_CONTROL_KEYS)))),
                    List.of(READ_CHECKPOINTS), List.of()),
            "adapt", SERVING,
            "recommend", SERVING,
            "erase", new Access(List.of(
                    // Query: the user's event and contribution keys; DeleteItem: one event at a time (no BatchWriteItem,
                    // which would also allow puts); Get/Put/Delete of contribution records to take them back.
                    new TableAccess(DataTable.EVENTS, List.of(QUERY, DELETE, GET), false),
                    new TableAccess(DataTable.EVENTS, List.of(PUT), false, onlyAttributes(CONTRIBUTION_ATTRIBUTES)),
                    new TableAccess(DataTable.ITEM_STATS, List.of(UPDATE), false),
                    new TableAccess(DataTable.PROFILES, List.of(DELETE), false),
                    new TableAccess(DataTable.FAST_WEIGHTS, List.of(GET), false),
                    new TableAccess(DataTable.FAST_WEIGHTS, List.of(PUT), false, onlyAttributes(TOMBSTONE_ATTRIBUTES))),
                    List.of(new ObjectAccess(DataStores.ERASURES_PREFIX, List.of("s3:PutObject"))), List.of()),
            "meta-train", new Access(List.of(
                    new TableAccess(DataTable.EVENTS, List.of(SCAN, UPDATE, GET), false),
                    new TableAccess(DataTable.EVENTS, List.of(PUT), false, onlyAttributes(CONTRIBUTION_ATTRIBUTES)),
                    new TableAccess(DataTable.ITEM_STATS, List.of(UPDATE, SCAN), false),
                    new TableAccess(DataTable.ITEMS, ITEMS_READ, false),
                    new TableAccess(DataTable.PROFILES, List.of(GET, SCAN), false),
                    new TableAccess(DataTable.CONTROL, List.of(GET, PUT, BATCH_GET), false)),
                    List.of(new ObjectAccess(DataStores.CHECKPOINTS_PREFIX, List.of("s3:GetObject", "s3:PutObject")),
                            new ObjectAccess(DataStores.TRAINING_PREFIX,
                                    List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")),
                            new ObjectAccess(DataStores.EVENT_LOG_PREFIX,
                                    List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"))),
                    List.of(DataStores.TRAINING_PREFIX, DataStores.EVENT_LOG_PREFIX, DataStores.ERASURES_PREFIX)));

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
            statements.add(allow(grant.actions(), resources, grant.condition()));
        }
        for (ObjectAccess grant : access.objects()) {
            statements.add(allow(grant.actions(), List.of(stores.bucket().arnForObjects(grant.prefix() + "*"))));
        }
        if (!access.listPrefixes().isEmpty()) {
            // Listing only under the data model's prefixes it reads (never the whole bucket, never checkpoints/).
            statements.add(allow(List.of("s3:ListBucket"), List.of(stores.bucket().getBucketArn()), Map.of("StringLike",
                    Map.of("s3:prefix", access.listPrefixes().stream().map(p -> p + "*").toList()))));
        }
        return statements;
    }

    static PolicyStatement allow(List<String> actions, List<String> resources) {
        return allow(actions, resources, Map.of());
    }

    static PolicyStatement allow(List<String> actions, List<String> resources, Map<String, Object> condition) {
        PolicyStatement.Builder b = PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources);
        if (!condition.isEmpty()) b.conditions(condition);
        return b.build();
    }
}
