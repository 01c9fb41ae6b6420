package dev.metarec.adapter.s3;

import dev.metarec.port.StoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.util.Optional;

/** Reading one object and translating SDK failures into {@link StoreException} (keeping the cause). */
final class S3Objects {
    private S3Objects() {}

    /** The object's bytes, or empty when the key does not exist. */
    static Optional<byte[]> read(S3Client s3, String bucket, String key, String what) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new StoreException("S3 read of " + what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The object's bytes, or empty when it does not exist, asking first with a LIST of exactly its key: a role
     * whose {@code s3:ListBucket} is limited to prefixes gets 403, not 404, for a missing key on GET.
     */
    static Optional<byte[]> readIfListed(S3Client s3, String bucket, String key, String what) {
        boolean listed;
        try {
            listed = s3.listObjectsV2(b -> b.bucket(bucket).prefix(key).maxKeys(1)).contents().stream().anyMatch(o -> o.key().equals(key));
        } catch (SdkException e) {
            throw new StoreException("S3 list of " + what + " failed: " + e.getMessage(), e);
        }
        return listed ? read(s3, bucket, key, what) : Optional.empty();
    }

    static void run(String what, Runnable call) {
        try {
            call.run();
        } catch (SdkException e) {
            throw new StoreException("S3 " + what + " failed: " + e.getMessage(), e);
        }
    }
}
