package dev.metarec.adapter.s3;

import dev.metarec.port.ErasureLog;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The erasure log as empty S3 objects {@code erasures/<epoch ms, 13 digits>-<sha256 of the user id>}, expired by the
 * bucket lifecycle after a few days. Keys sort by time, so {@link #erasedSince} lists from the time on.
 */
public final class S3ErasureLog implements ErasureLog {
    public static final String PREFIX = "erasures/";

    private final S3Client s3;
    private final String bucket;

    public S3ErasureLog(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    static String key(Instant at, String fingerprint) { return PREFIX + String.format("%013d", at.toEpochMilli()) + "-" + fingerprint; }

    @Override
    public void record(String userId, Instant at) {
        S3Objects.run("record an erasure", () -> s3.putObject(b -> b.bucket(bucket).key(key(at, ErasureLog.fingerprint(userId)))
                .contentType("application/octet-stream"), RequestBody.empty()));
    }

    @Override
    public Set<String> erasedSince(Instant since) {
        Set<String> out = new HashSet<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(PREFIX)
                .startAfter(PREFIX + String.format("%013d", Math.max(0, since.toEpochMilli() - 1))).build();
        S3Objects.run("list erasures", () -> s3.listObjectsV2Paginator(request).contents().forEach(o -> {
            String name = o.key().substring(PREFIX.length());
            int dash = name.indexOf('-');
            if (dash == 13 && Long.parseLong(name.substring(0, dash)) >= since.toEpochMilli()) out.add(name.substring(dash + 1));
        }));
        return out;
    }
}
