package dev.metarec.adapter.s3;

import dev.metarec.port.CheckpointStore;
import dev.metarec.port.ConflictException;
import dev.metarec.port.StoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checkpoints in S3 under {@code checkpoints/<checkpointId>.ckpt}, written once: the put carries
 * {@code If-None-Match: *} (S3 conditional writes; s3proxy honours it too), so a second write of the same
 * key fails with HTTP 412 instead of replacing bytes a champion pointer may already name. Which checkpoint
 * serves is the {@code control} table's business ({@link dev.metarec.adapter.dynamodb.DynamoDbChampionPointer}).
 * The bytes are returned as stored; the checkpoint codec's embedded SHA-256 detects corruption.
 */
public final class S3CheckpointStore implements CheckpointStore {
    public static final String PREFIX = "checkpoints/";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final S3Client s3;
    private final String bucket;

    public S3CheckpointStore(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /** The object key of a checkpoint; refuses ids that are not plain file-name-safe tokens. */
    public static String key(String checkpointId) {
        if (checkpointId == null || !ID.matcher(checkpointId).matches()) {
            throw new IllegalArgumentException("checkpointId must match " + ID.pattern() + ", was '" + checkpointId + "'");
        }
        return PREFIX + checkpointId + ".ckpt";
    }

    @Override
    public void write(String checkpointId, byte[] bytes) {
        String key = key(checkpointId);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentType("application/octet-stream"),
                    RequestBody.fromBytes(bytes));
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                throw new ConflictException("checkpoint " + checkpointId + " already exists (write-once key " + key + ")", e);
            }
            throw new StoreException("S3 write of checkpoint " + checkpointId + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new StoreException("S3 write of checkpoint " + checkpointId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> read(String checkpointId) {
        return S3Objects.read(s3, bucket, key(checkpointId), "checkpoint " + checkpointId);
    }
}
