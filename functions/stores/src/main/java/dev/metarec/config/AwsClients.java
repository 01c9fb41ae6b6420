package dev.metarec.config;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the SDK v2 clients the AWS adapters use: the small URL-connection HTTP client (fast Lambda cold
 * start, native-friendly), the standard retry mode with a configurable number of attempts, an optional
 * endpoint override (dynalite, s3proxy, LocalStack...) and, for S3, path-style addressing when an endpoint
 * is overridden (s3proxy serves buckets by path, not by virtual host).
 */
public final class AwsClients {
    private AwsClients() {}

    /** Connection and retry settings; {@code endpoint} empty = the region's AWS endpoint. */
    public record Settings(Optional<URI> endpoint, Region region, AwsCredentialsProvider credentials,
                           int maxAttempts, Duration apiCallTimeout) {
        public Settings {
            if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
    }

    public static DynamoDbClient dynamo(Settings settings) {
        var builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)))
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .overrideConfiguration(override(settings));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static S3Client s3(Settings settings) {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)))
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .overrideConfiguration(override(settings))
                .forcePathStyle(settings.endpoint().isPresent());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static ClientOverrideConfiguration override(Settings settings) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts()).build())
                .apiCallTimeout(settings.apiCallTimeout())
                .build();
    }
}
