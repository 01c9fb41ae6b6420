package dev.metarec.port;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The tokens that make item statistics exactly-once ({@link ItemStatsStore#addOnce}): {@code <issued epoch ms in
 * hex>-<random UUID>}, so that the statistics repair can tell a stray token (its event applied long ago, the final
 * {@code settle} lost to a crash) from one still in flight by its age. Tokens from before the time prefix are plain
 * UUIDs and count as old.
 */
public final class StatsTokens {
    private StatsTokens() {}

    public static String next(Instant issuedAt) {
        return Long.toHexString(issuedAt.toEpochMilli()) + "-" + UUID.randomUUID();
    }

    /** When the token was issued; empty for a legacy token (a plain UUID) or anything unreadable. */
    public static Optional<Instant> issuedAt(String token) {
        int dash = token.indexOf('-');
        if (dash < 1 || token.length() - dash - 1 != 36) return Optional.empty();
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(token.substring(0, dash), 16)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
