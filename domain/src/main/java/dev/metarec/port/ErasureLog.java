package dev.metarec.port;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

/**
 * Which users were erased lately, so that a meta-training run that started before an erase drops the erased
 * user's events from its snapshot when it resumes. Holds the SHA-256 {@link #fingerprint} of each user id (not
 * the id) and the erase time; entries expire after a few days (S3: {@code erasures/<epoch-ms>-<sha256>}, expired
 * by the bucket lifecycle).
 */
public interface ErasureLog {

    void record(String userId, Instant at);

    /** Fingerprints of the users erased at or after {@code since}. */
    Set<String> erasedSince(Instant since);

    /** The SHA-256 of a user id in lower-case hex: what the log holds instead of the id. */
    static String fingerprint(String userId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A log that keeps nothing (a run is then never told about an erase). */
    ErasureLog NONE = new ErasureLog() {
        @Override public void record(String userId, Instant at) { }
        @Override public Set<String> erasedSince(Instant since) { return Set.of(); }
    };
}
