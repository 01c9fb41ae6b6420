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

    static void run(String what, Runnable call) {
        try {
            call.run();
        } catch (SdkException e) {
            throw new StoreException("S3 " + what + " failed: " + e.getMessage(), e);
        }
    }
}
