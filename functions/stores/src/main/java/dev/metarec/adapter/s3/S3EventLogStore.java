package dev.metarec.adapter.s3;

import dev.metarec.port.EventLogStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Objects;
import java.util.Optional;

/**
 * Meta-training's event-log snapshots as S3 objects {@code event-log/<runId>.bin} (the bucket lifecycle
 * expires the prefix, so a snapshot of an abandoned run does not linger). A PUT replaces an object atomically.
 */
public final class S3EventLogStore implements EventLogStore {
    public static final String PREFIX = "event-log/";

    private final S3Client s3;
    private final String bucket;

    public S3EventLogStore(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    static String key(String runId) {
        if (runId.isEmpty() || runId.contains("/")) throw new IllegalArgumentException("run id must be non-empty without '/', was '" + runId + "'");
        return PREFIX + runId + ".bin";
    }

    @Override
    public void write(String runId, byte[] snapshot) {
        S3Objects.run("write event-log snapshot", () -> s3.putObject(b -> b.bucket(bucket).key(key(runId))
                .contentType("application/octet-stream"), RequestBody.fromBytes(snapshot)));
    }

    @Override
    public Optional<byte[]> read(String runId) { return S3Objects.readIfListed(s3, bucket, key(runId), "event-log snapshot"); }

    @Override
    public void delete(String runId) {
        S3Objects.run("delete event-log snapshot", () -> s3.deleteObject(b -> b.bucket(bucket).key(key(runId))));
    }
}
