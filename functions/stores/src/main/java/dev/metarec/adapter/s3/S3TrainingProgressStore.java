package dev.metarec.adapter.s3;

import dev.metarec.port.TrainingProgressStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Objects;
import java.util.Optional;

/**
 * The meta-train job's resumable state as one S3 object, {@code training/progress.bin}. A PUT replaces an
 * object atomically (readers see the old or the new bytes, never a mix), which is what the port asks.
 */
public final class S3TrainingProgressStore implements TrainingProgressStore {
    public static final String KEY = "training/progress.bin";

    private final S3Client s3;
    private final String bucket;

    public S3TrainingProgressStore(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public void save(byte[] progress) {
        S3Objects.run("save training progress", () -> s3.putObject(b -> b.bucket(bucket).key(KEY)
                .contentType("application/octet-stream"), RequestBody.fromBytes(progress)));
    }

    @Override
    public Optional<byte[]> load() {
        return S3Objects.readIfListed(s3, bucket, KEY, "training progress");
    }

    @Override
    public void clear() {
        S3Objects.run("clear training progress", () -> s3.deleteObject(b -> b.bucket(bucket).key(KEY)));
    }
}
