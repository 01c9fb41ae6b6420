package dev.metarec.it.harness;

import dev.metarec.adapter.dynamodb.DynamoDbCatalogStore;
import dev.metarec.adapter.dynamodb.DynamoDbChampionPointer;
import dev.metarec.adapter.dynamodb.DynamoDbControl;
import dev.metarec.adapter.dynamodb.DynamoDbEventQuota;
import dev.metarec.adapter.dynamodb.DynamoDbEventStore;
import dev.metarec.adapter.dynamodb.DynamoDbItemContributionStore;
import dev.metarec.adapter.dynamodb.DynamoDbFastWeightStore;
import dev.metarec.adapter.dynamodb.DynamoDbItemStatsStore;
import dev.metarec.adapter.dynamodb.DynamoDbUserProfileStore;
import dev.metarec.adapter.s3.S3CheckpointStore;
import dev.metarec.adapter.s3.S3ErasureLog;
import dev.metarec.adapter.s3.S3EventLogStore;
import dev.metarec.adapter.s3.S3TrainingProgressStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;
import java.time.Duration;

/** Every AWS adapter over one namespace (tables + bucket), as the functions would wire them. */
public record AwsStores(DynamoDbEventStore events, DynamoDbCatalogStore catalog, DynamoDbItemStatsStore itemStats,
                        DynamoDbUserProfileStore profiles, DynamoDbFastWeightStore fastWeights,
                        DynamoDbChampionPointer champion, S3CheckpointStore checkpoints,
                        S3TrainingProgressStore progress, DynamoDbControl control, S3EventLogStore eventLog,
                        DynamoDbItemContributionStore contributions, DynamoDbEventQuota quota, S3ErasureLog erasures) {

    public static AwsStores over(DynamoDbClient dynamo, S3Client s3, AwsServers.Namespace ns, Clock clock) {
        var t = ns.tables();
        DynamoDbControl control = new DynamoDbControl(dynamo, t.control());
        return new AwsStores(
                new DynamoDbEventStore(dynamo, t.events(), Duration.ofDays(365)),
                new DynamoDbCatalogStore(dynamo, t.items(), control),
                new DynamoDbItemStatsStore(dynamo, t.itemStats()),
                new DynamoDbUserProfileStore(dynamo, t.profiles()),
                new DynamoDbFastWeightStore(dynamo, t.fastWeights(), Duration.ofDays(30)),
                new DynamoDbChampionPointer(control, clock),
                new S3CheckpointStore(s3, ns.bucket()),
                new S3TrainingProgressStore(s3, ns.bucket()),
                control,
                new S3EventLogStore(s3, ns.bucket()),
                new DynamoDbItemContributionStore(dynamo, t.events(), Duration.ofDays(365), clock),
                new DynamoDbEventQuota(dynamo, t.events()),
                new S3ErasureLog(s3, ns.bucket()));
    }

    /** Fresh tables and bucket on the shared servers, with every adapter over them. */
    public static AwsStores fresh(AwsServers servers, String owner) {
        return over(servers.dynamo(), servers.s3(), servers.freshNamespace(owner), Clock.systemUTC());
    }
}
