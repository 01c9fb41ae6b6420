package dev.metarec.adapter.s3;

import dev.metarec.adapter.dynamodb.DynamoDbControl;
import dev.metarec.port.CheckpointStore;
import dev.metarec.port.ConflictException;
import dev.metarec.port.StoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checkpoints in S3 under {@code checkpoints/<checkpointId>.ckpt}, written once: the put carries
 * {@code If-None-Match: *}, so a second write of the same key fails (HTTP 412) instead of replacing the
 * bytes a champion pointer may already name. The champion pointer itself lives in the DynamoDB
 * {@code control} table and moves by conditional write ({@link DynamoDbControl#movePointer}). The meta-train
 * job's progress is one overwritable object, {@code training/progress.bin}.
 * <p>Integrity of the bytes (checksum) is the checkpoint codec's job; this store returns them as stored.
 */
public final class S3CheckpointStore implements CheckpointStore {
    public static final String CHECKPOINT_PREFIX = "checkpoints/";
    public static final String PROGRESS_KEY = "training/progress.bin";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final S3Client s3;
    private final String bucket;
    private final DynamoDbControl control;
    private final Clock clock;

    public S3CheckpointStore(S3Client s3, String bucket, DynamoDbControl control, Clock clock) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.control = Objects.requireNonNull(control, "control");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The object key of a checkpoint. */
    public static String key(String checkpointId) {
        if (checkpointId == null || !ID.matcher(checkpointId).matches()) {
            throw new IllegalArgumentException("checkpointId must match " + ID.pattern() + ", was '" + checkpointId + "'");
        }
        return CHECKPOINT_PREFIX + checkpointId + ".ckpt";
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
        return readObject(key(checkpointId), "checkpoint " + checkpointId);
    }

    @Override
    public Optional<String> current() {
        return control.pointer(DynamoDbControl.CHAMPION);
    }

    @Override
    public boolean moveCurrent(String expected, String next) {
        key(next); // the pointer may only name a valid checkpoint id
        return control.movePointer(DynamoDbControl.CHAMPION, expected, next, clock.instant());
    }

    @Override
    public void saveProgress(byte[] progress) {
        call("save training progress", () -> s3.putObject(b -> b.bucket(bucket).key(PROGRESS_KEY)
                .contentType("application/octet-stream"), RequestBody.fromBytes(progress)));
    }

    @Override
    public Optional<byte[]> loadProgress() {
        return readObject(PROGRESS_KEY, "training progress");
    }

    @Override
    public void clearProgress() {
        call("clear training progress", () -> s3.deleteObject(b -> b.bucket(bucket).key(PROGRESS_KEY)));
    }

    private Optional<byte[]> readObject(String key, String what) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new StoreException("S3 read of " + what + " failed: " + e.getMessage(), e);
        }
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new StoreException("S3 " + what + " failed: " + e.getMessage(), e);
        }
    }
}
