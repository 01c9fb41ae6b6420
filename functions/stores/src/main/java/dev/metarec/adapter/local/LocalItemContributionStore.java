package dev.metarec.adapter.local;

import dev.metarec.port.ItemContributionStore;
import org.h2.mvstore.MVMap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Users' contributions to item statistics keyed (userId, itemId), compare-and-set on the version under a lock. */
public final class LocalItemContributionStore implements ItemContributionStore {
    private final LocalDatabase db;
    private final MVMap<String, byte[]> records;

    public LocalItemContributionStore(LocalDatabase db) {
        this.db = db;
        this.records = db.map("itemContributions");
    }

    @Override
    public Optional<Contribution> find(String userId, String itemId) {
        return Optional.ofNullable(records.get(Keys.compose(userId, itemId))).map(LocalItemContributionStore::decode);
    }

    @Override
    public boolean put(Contribution next, long expectedVersion) {
        if (next.version() != expectedVersion + 1)
            throw new IllegalArgumentException("version must be expectedVersion + 1 = " + (expectedVersion + 1) + ", was " + next.version());
        String key = Keys.compose(next.userId(), next.itemId());
        synchronized (this) {
            long stored = Optional.ofNullable(records.get(key)).map(b -> decode(b).version()).orElse(0L);
            if (stored != expectedVersion) return false;
            records.put(key, encode(next));
        }
        db.commit();
        return true;
    }

    @Override
    public boolean delete(String userId, String itemId, long expectedVersion) {
        String key = Keys.compose(userId, itemId);
        synchronized (this) {
            byte[] b = records.get(key);
            if (b == null || decode(b).version() != expectedVersion) return false;
            records.remove(key);
        }
        db.commit();
        return true;
    }

    @Override
    public List<Contribution> ofUser(String userId, int limit) {
        List<Contribution> out = new ArrayList<>();
        String to = Keys.to(userId);
        var c = records.cursor(Keys.from(userId));
        while (c.hasNext() && out.size() < limit) {
            String k = c.next();
            if (k.compareTo(to) >= 0) break;
            out.add(decode(c.getValue()));
        }
        return out;
    }

    @Override
    public void forEachPending(Consumer<Contribution> consumer) {
        for (Map.Entry<String, byte[]> e : records.entrySet()) {
            Contribution c = decode(e.getValue());
            if (c.pending() != null) consumer.accept(c);
        }
    }

    private static byte[] encode(Contribution c) {
        return Records.encode(out -> {
            Records.writeString(out, c.userId());
            Records.writeString(out, c.itemId());
            out.writeLong(c.version());
            out.writeLong(c.eventTime().toEpochMilli());
            Records.writeString(out, c.eventToken());
            out.writeDouble(c.residual());
            out.writeBoolean(c.positive());
            out.writeBoolean(c.retracting());
            out.writeBoolean(c.pending() != null);
            if (c.pending() != null) {
                Records.writeString(out, c.pending().token());
                out.writeLong(c.pending().count());
                out.writeDouble(c.pending().residual());
                out.writeLong(c.pending().positives());
                out.writeLong(c.pending().claimedAt().toEpochMilli());
                out.writeDouble(c.pending().recentPositives());   // last: a change written before it existed reads it as 0
            }
        });
    }

    private static Contribution decode(byte[] b) {
        return Records.decode(b, in -> {
            String user = Records.readString(in), item = Records.readString(in);
            long version = in.readLong();
            Instant time = Instant.ofEpochMilli(in.readLong());
            String token = Records.readString(in);
            double residual = in.readDouble();
            boolean positive = in.readBoolean(), retracting = in.readBoolean();
            Change pending = null;
            if (in.readBoolean()) {
                String changeToken = Records.readString(in);
                long count = in.readLong();
                double changeResidual = in.readDouble();
                long positives = in.readLong();
                Instant claimedAt = Instant.ofEpochMilli(in.readLong());
                pending = new Change(changeToken, count, changeResidual, positives, in.available() >= 8 ? in.readDouble() : 0.0, claimedAt);
            }
            return new Contribution(user, item, version, time, token, residual, positive, retracting, pending);
        });
    }
}
