package dev.metarec.config;

import dev.metarec.adapter.dynamodb.DynamoDbCatalogStore;
import dev.metarec.adapter.dynamodb.DynamoDbChampionPointer;
import dev.metarec.adapter.dynamodb.DynamoDbControl;
import dev.metarec.adapter.dynamodb.DynamoDbEventStore;
import dev.metarec.adapter.dynamodb.DynamoDbFastWeightStore;
import dev.metarec.adapter.dynamodb.DynamoDbItemStatsStore;
import dev.metarec.adapter.dynamodb.DynamoDbUserProfileStore;
import dev.metarec.adapter.s3.S3CheckpointStore;
import dev.metarec.adapter.s3.S3TrainingProgressStore;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.ChampionPointer;
import dev.metarec.port.CheckpointStore;
import dev.metarec.port.EventStore;
import dev.metarec.port.FastWeightStore;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.TrainingProgressStore;
import dev.metarec.port.UserProfileStore;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The AWS adapters (DynamoDB + S3) as CDI beans, active when the build property {@code metarec.store} is
 * {@code aws} (the Lambda artifact); {@code LocalStoreProducers} serves the embedded store otherwise. SDK
 * clients are created on first use and closed with the application.
 * <p>Configuration (all optional except the bucket in AWS):
 * {@code metarec.aws.region} (else the SDK's region chain, e.g. {@code AWS_REGION} in Lambda),
 * {@code metarec.dynamodb.endpoint} / {@code metarec.s3.endpoint} (endpoint override, e.g. dynalite/s3proxy;
 * S3 then uses path-style addressing), {@code metarec.aws.max-attempts} (SDK standard retries, default 5),
 * {@code metarec.aws.api-call-timeout} (default PT10S), {@code metarec.dynamodb.<logical>-table} for
 * events, items, item-stats, profiles, fast-weights, control (default {@code metarec-<logical>}),
 * {@code metarec.s3.bucket}, {@code metarec.events.retention} (TTL of events, default P400D) and
 * {@code metarec.fast-weights.ttl} (default P30D). Credentials come from the SDK's default chain.
 */
@Singleton
@IfBuildProperty(name = "metarec.store", stringValue = "aws")
public class AwsStoresProducer {

    @ConfigProperty(name = "metarec.aws.region") Optional<String> region;
    @ConfigProperty(name = "metarec.dynamodb.endpoint") Optional<URI> dynamoEndpoint;
    @ConfigProperty(name = "metarec.s3.endpoint") Optional<URI> s3Endpoint;
    @ConfigProperty(name = "metarec.aws.max-attempts", defaultValue = "5") int maxAttempts;
    @ConfigProperty(name = "metarec.aws.api-call-timeout", defaultValue = "PT10S") Duration apiCallTimeout;
    @ConfigProperty(name = "metarec.dynamodb.events-table", defaultValue = "metarec-events") String eventsTable;
    @ConfigProperty(name = "metarec.dynamodb.items-table", defaultValue = "metarec-items") String itemsTable;
    @ConfigProperty(name = "metarec.dynamodb.item-stats-table", defaultValue = "metarec-item-stats") String itemStatsTable;
    @ConfigProperty(name = "metarec.dynamodb.profiles-table", defaultValue = "metarec-profiles") String profilesTable;
    @ConfigProperty(name = "metarec.dynamodb.fast-weights-table", defaultValue = "metarec-fast-weights") String fastWeightsTable;
    @ConfigProperty(name = "metarec.dynamodb.control-table", defaultValue = "metarec-control") String controlTable;
    @ConfigProperty(name = "metarec.s3.bucket", defaultValue = "metarec") String bucket;
    @ConfigProperty(name = "metarec.events.retention", defaultValue = "P400D") Duration eventRetention;
    @ConfigProperty(name = "metarec.fast-weights.ttl", defaultValue = "P30D") Duration fastWeightTtl;

    private DynamoDbClient dynamo;
    private S3Client s3;

    synchronized DynamoDbClient dynamo() {
        if (dynamo == null) dynamo = AwsClients.dynamo(settings(dynamoEndpoint));
        return dynamo;
    }

    synchronized S3Client s3() {
        if (s3 == null) s3 = AwsClients.s3(settings(s3Endpoint));
        return s3;
    }

    private AwsClients.Settings settings(Optional<URI> endpoint) {
        Region r = region.map(Region::of).orElseGet(() -> DefaultAwsRegionProviderChain.builder().build().getRegion());
        return new AwsClients.Settings(endpoint, r, DefaultCredentialsProvider.builder().build(), maxAttempts, apiCallTimeout);
    }

    private DynamoDbControl control() { return new DynamoDbControl(dynamo(), controlTable); }

    @Produces @Singleton
    EventStore events() { return new DynamoDbEventStore(dynamo(), eventsTable, eventRetention); }

    @Produces @Singleton
    CatalogStore catalog() { return new DynamoDbCatalogStore(dynamo(), itemsTable, control()); }

    @Produces @Singleton
    ItemStatsStore itemStats() { return new DynamoDbItemStatsStore(dynamo(), itemStatsTable); }

    @Produces @Singleton
    UserProfileStore profiles() { return new DynamoDbUserProfileStore(dynamo(), profilesTable); }

    @Produces @Singleton
    FastWeightStore fastWeights() { return new DynamoDbFastWeightStore(dynamo(), fastWeightsTable, fastWeightTtl); }

    @Produces @Singleton
    ChampionPointer champion() { return new DynamoDbChampionPointer(control(), Clock.systemUTC()); }

    @Produces @Singleton
    CheckpointStore checkpoints() { return new S3CheckpointStore(s3(), bucket); }

    @Produces @Singleton
    TrainingProgressStore progress() { return new S3TrainingProgressStore(s3(), bucket); }

    @Produces @Singleton
    dev.metarec.port.EventLogStore eventLog() { return new dev.metarec.adapter.s3.S3EventLogStore(s3(), bucket); }

    @Produces @Singleton
    dev.metarec.port.ItemContributionStore contributions() {
        return new dev.metarec.adapter.dynamodb.DynamoDbItemContributionStore(dynamo(), eventsTable, eventRetention, Clock.systemUTC());
    }

    @Produces @Singleton
    dev.metarec.port.EventQuota quota() { return new dev.metarec.adapter.dynamodb.DynamoDbEventQuota(dynamo(), eventsTable); }

    @Produces @Singleton
    dev.metarec.port.ErasureLog erasures() { return new dev.metarec.adapter.s3.S3ErasureLog(s3(), bucket); }

    @PreDestroy
    synchronized void close() {
        if (dynamo != null) dynamo.close();
        if (s3 != null) s3.close();
    }
}
