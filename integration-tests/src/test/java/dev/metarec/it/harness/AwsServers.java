package dev.metarec.it.harness;

import dev.metarec.adapter.dynamodb.DynamoDbSchema;
import dev.metarec.adapter.dynamodb.DynamoDbTableNames;
import dev.metarec.config.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One dynalite and one s3proxy for the whole test run, with SDK clients pointed at them. Each test class
 * asks for its own fresh tables and bucket ({@link #freshNamespace}), so classes never see each other's data.
 */
public final class AwsServers implements AutoCloseable {
    public static final Region REGION = Region.US_EAST_1;
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final DynaliteServer dynalite;
    private final S3ProxyServer s3proxy;
    private final DynamoDbClient dynamo;
    private final S3Client s3;

    private AwsServers(DynaliteServer dynalite, S3ProxyServer s3proxy) {
        this.dynalite = dynalite;
        this.s3proxy = s3proxy;
        this.dynamo = AwsClients.dynamo(settings(dynalite.endpoint(), 3));
        this.s3 = AwsClients.s3(settings(s3proxy.endpoint(), 3));
    }

    public static AwsServers start() {
        DynaliteServer dynalite = DynaliteServer.startInMemory();
        try {
            return new AwsServers(dynalite, S3ProxyServer.start());
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
    }

    public static AwsClients.Settings settings(URI endpoint, int maxAttempts) {
        return new AwsClients.Settings(Optional.of(endpoint), REGION,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)),
                maxAttempts, Duration.ofSeconds(30));
    }

    /** Creates a fresh set of tables and a fresh bucket, named after {@code owner}. */
    public Namespace freshNamespace(String owner) {
        String prefix = owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-" + NAMESPACES.incrementAndGet() + "-";
        DynamoDbTableNames tables = DynamoDbTableNames.withPrefix(prefix);
        DynamoDbSchema.createAll(dynamo, tables, Duration.ofSeconds(30));
        String bucket = prefix + "bucket";
        s3.createBucket(b -> b.bucket(bucket));
        return new Namespace(tables, bucket);
    }

    public record Namespace(DynamoDbTableNames tables, String bucket) {}

    public DynamoDbClient dynamo() { return dynamo; }

    public S3Client s3() { return s3; }

    public URI dynamoEndpoint() { return dynalite.endpoint(); }

    public URI s3Endpoint() { return s3proxy.endpoint(); }

    @Override
    public void close() {
        dynamo.close();
        s3.close();
        try {
            s3proxy.close();
        } finally {
            dynalite.close();
        }
    }
}
