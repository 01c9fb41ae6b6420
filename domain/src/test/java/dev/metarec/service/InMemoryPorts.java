package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.ChampionPointer;
import dev.metarec.port.CheckpointStore;
import dev.metarec.port.ConflictException;
import dev.metarec.port.EventStore;
import dev.metarec.port.FastWeightStore;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.TrainingProgressStore;
import dev.metarec.port.UserProfileStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Test doubles of every port, in memory (the real adapters are tested by the contract suites). */
final class InMemoryPorts {
    final Events events = new Events();
    final Catalog catalog = new Catalog();
    final Stats stats = new Stats();
    final Profiles profiles = new Profiles();
    final Fast fast = new Fast();
    final Checkpoints checkpoints = new Checkpoints();
    final Pointer pointer = new Pointer();
    final Progress progress = new Progress();
    final Contributions contributions = new Contributions();
    final Quota quota = new Quota();
    final Erasures erasures = new Erasures();

    /** The ledger the services share (one contribution per user and item). */
    ItemStatsLedger ledger() {
        return new ItemStatsLedger(events, stats, contributions, ItemStatsLedger.DEFAULT_LEASE, ItemStatsLedger.Hook.NONE);
    }

    static final class Events implements EventStore {
        final Map<String, Event> map = new ConcurrentHashMap<>();
        final Map<String, Object[]> state = new ConcurrentHashMap<>();  // key -> {applied, token, claimAt}

        @Override public synchronized Appended appendTracked(Event e, Instant now) {
            String k = e.userId() + "/" + e.eventId();
            Event old = map.putIfAbsent(k, e);
            if (old == null) state.put(k, new Object[]{false, dev.metarec.port.StatsTokens.next(now), now});
            Object[] st = state.get(k);
            return new Appended(old == null, old == null ? e : old, (Boolean) st[0], (String) st[1]);
        }

        @Override public synchronized Optional<String> claimStats(String userId, String eventId, Instant now, java.time.Duration lease) {
            Object[] st = state.get(userId + "/" + eventId);
            if (st == null || (Boolean) st[0] || ((Instant) st[2]).isAfter(now.minus(lease))) return Optional.empty();
            st[2] = now;
            return Optional.of((String) st[1]);
        }

        @Override public synchronized void markStatsApplied(String userId, String eventId) {
            Object[] st = state.get(userId + "/" + eventId);
            if (st != null) st[0] = true;
        }

        @Override public List<Event> recent(String userId, int limit) {
            return map.values().stream().filter(e -> e.userId().equals(userId))
                    .sorted(Comparator.comparing(Event::timestamp).reversed().thenComparing(Event::eventId)).limit(limit).toList();
        }

        @Override public long count(String userId) { return map.values().stream().filter(e -> e.userId().equals(userId)).count(); }

        @Override public void forEach(Consumer<Event> c) { map.values().forEach(c); }

        @Override public synchronized void forEachUnappliedStats(Instant claimedAtOrBefore, Consumer<Event> c) {
            map.forEach((k, e) -> {
                Object[] st = state.get(k);
                if (st != null && !(Boolean) st[0] && !((Instant) st[2]).isAfter(claimedAtOrBefore)) c.accept(e);
            });
        }

        @Override public synchronized void forEachUnappliedStatsToken(Consumer<String> c) {
            state.forEach((k, st) -> { if (!(Boolean) st[0] && map.containsKey(k)) c.accept((String) st[1]); });
        }

        @Override public synchronized ErasedPage eraseUserPage(String userId, int max) {
            List<String> keys = map.keySet().stream().filter(k -> k.startsWith(userId + "/")).sorted().toList();
            List<String> page = keys.subList(0, Math.min(max, keys.size()));
            page.forEach(map::remove);
            page.forEach(state::remove);
            return new ErasedPage(page.size(), keys.size() > page.size());
        }

        @Override public synchronized int eraseUser(String userId) {
            List<String> keys = map.keySet().stream().filter(k -> k.startsWith(userId + "/")).toList();
            keys.forEach(map::remove);
            keys.forEach(state::remove);
            return keys.size();
        }
    }

    static final class Catalog implements CatalogStore {
        final Map<String, Item> map = new ConcurrentHashMap<>();
        long version;

        final Map<Long, String> log = new ConcurrentHashMap<>();

        @Override public synchronized void upsert(Item item) { map.put(item.itemId(), item); version++; log.put(version, item.itemId()); }

        @Override public synchronized Map<Long, String> changes(long after, long upTo) {
            Map<Long, String> out = new HashMap<>();
            for (long v = after + 1; v <= upTo; v++) if (log.containsKey(v)) out.put(v, log.get(v));
            return out;
        }

        @Override public Optional<Item> find(String itemId) { return Optional.ofNullable(map.get(itemId)); }

        @Override public List<Item> all() { return new ArrayList<>(map.values()); }

        @Override public synchronized long version() { return version; }
    }

    static final class Stats implements ItemStatsStore {
        final Map<String, ItemStats> map = new ConcurrentHashMap<>();

        @Override public synchronized void add(String itemId, long count, double residualSum, long positives, double recentPositives) {
            ItemStats s = map.getOrDefault(itemId, ItemStats.empty(itemId));
            map.put(itemId, new ItemStats(itemId, s.count() + count, s.residualSum() + residualSum, s.positives() + positives,
                    s.recentPositives() + recentPositives));
        }

        final Map<String, java.util.Set<String>> pending = new ConcurrentHashMap<>();

        @Override public synchronized boolean addOnce(String itemId, String token, long count, double residualSum, long positives,
                                                      double recentPositives) {
            if (!pending.computeIfAbsent(itemId, k -> new java.util.HashSet<>()).add(token)) return false;
            add(itemId, count, residualSum, positives, recentPositives);
            return true;
        }

        @Override public synchronized void settle(String itemId, String token) {
            if (pending.containsKey(itemId)) pending.get(itemId).remove(token);
        }

        @Override public synchronized java.util.Set<String> pending(String itemId) { return java.util.Set.copyOf(pending.getOrDefault(itemId, java.util.Set.of())); }

        @Override public synchronized Map<String, java.util.Set<String>> allPending() {
            Map<String, java.util.Set<String>> out = new HashMap<>();
            pending.forEach((i, t) -> { if (!t.isEmpty()) out.put(i, new java.util.HashSet<>(t)); });
            return out;
        }

        @Override public Optional<ItemStats> find(String itemId) { return Optional.ofNullable(map.get(itemId)); }

        @Override public Map<String, ItemStats> all() { return new HashMap<>(map); }
    }

    static final class Profiles implements UserProfileStore {
        final Map<String, UserProfile> map = new ConcurrentHashMap<>();

        @Override public void upsert(UserProfile p) { map.put(p.userId(), p); }

        @Override public Optional<UserProfile> find(String userId) { return Optional.ofNullable(map.get(userId)); }

        @Override public void forEach(Consumer<UserProfile> c) { map.values().forEach(c); }

        @Override public boolean delete(String userId) { return map.remove(userId) != null; }
    }

    static final class Fast implements FastWeightStore {
        final Map<String, StoredFastWeights> map = new ConcurrentHashMap<>();
        int writes;

        @Override public Optional<StoredFastWeights> find(String userId) { return Optional.ofNullable(map.get(userId)); }

        final Map<String, Instant> tombstones = new ConcurrentHashMap<>();

        @Override public synchronized boolean tombstone(String userId, Instant until) {
            tombstones.put(userId, until);
            return map.remove(userId) != null;
        }

        @Override public synchronized boolean put(StoredFastWeights r, long expectedVersion) {
            Instant until = tombstones.get(r.userId());
            if (until != null && until.isAfter(r.updatedAt())) throw new ErasureInProgressException("erasing until " + until);
            long v = map.containsKey(r.userId()) ? map.get(r.userId()).version() : 0;
            if (v != expectedVersion) return false;
            map.put(r.userId(), r);
            writes++;
            return true;
        }

        @Override public boolean delete(String userId) { return map.remove(userId) != null; }
    }

    static final class Checkpoints implements CheckpointStore {
        final Map<String, byte[]> map = new ConcurrentHashMap<>();

        @Override public void write(String id, byte[] bytes) {
            if (map.putIfAbsent(id, bytes.clone()) != null) throw new ConflictException("checkpoint " + id + " exists");
        }

        @Override public Optional<byte[]> read(String id) { return Optional.ofNullable(map.get(id)).map(byte[]::clone); }
    }

    static final class Pointer implements ChampionPointer {
        String champion;
        String previous;

        @Override public synchronized Optional<String> current() { return Optional.ofNullable(champion); }

        @Override public synchronized Optional<String> previous() { return Optional.ofNullable(previous); }

        String championSha256;
        String previousSha256;

        @Override public synchronized boolean moveCurrent(String expected, String next) { return moveCurrent(expected, next, null); }

        @Override public synchronized boolean moveCurrent(String expected, String next, String nextSha256) {
            if (!Objects.equals(champion, expected)) return false;
            previous = expected;
            previousSha256 = championSha256;
            champion = next;
            championSha256 = nextSha256;
            return true;
        }

        @Override public synchronized Optional<String> sha256(String checkpointId) {
            if (checkpointId.equals(champion)) return Optional.ofNullable(championSha256);
            if (checkpointId.equals(previous)) return Optional.ofNullable(previousSha256);
            return Optional.empty();
        }
    }

    static final class Progress implements TrainingProgressStore {
        byte[] blob;

        @Override public void save(byte[] p) { blob = p.clone(); }

        @Override public Optional<byte[]> load() { return Optional.ofNullable(blob); }

        @Override public void clear() { blob = null; }
    }

    static final class Contributions implements dev.metarec.port.ItemContributionStore {
        final Map<String, Contribution> map = new ConcurrentHashMap<>();

        @Override public Optional<Contribution> find(String userId, String itemId) { return Optional.ofNullable(map.get(userId + "/" + itemId)); }

        @Override public synchronized boolean put(Contribution next, long expectedVersion) {
            Contribution old = map.get(next.userId() + "/" + next.itemId());
            if ((old == null ? 0 : old.version()) != expectedVersion) return false;
            map.put(next.userId() + "/" + next.itemId(), next);
            return true;
        }

        @Override public synchronized boolean delete(String userId, String itemId, long expectedVersion) {
            Contribution old = map.get(userId + "/" + itemId);
            if (old == null || old.version() != expectedVersion) return false;
            map.remove(userId + "/" + itemId);
            return true;
        }

        @Override public synchronized List<Contribution> ofUser(String userId, int limit) {
            return map.values().stream().filter(c -> c.userId().equals(userId)).limit(limit).toList();
        }

        @Override public synchronized void forEachPending(Consumer<Contribution> consumer) {
            List.copyOf(map.values()).stream().filter(c -> c.pending() != null).forEach(consumer);
        }
    }

    static final class Quota implements dev.metarec.port.EventQuota {
        final Map<String, Long> used = new ConcurrentHashMap<>();

        @Override public synchronized boolean reserve(String userId, java.time.LocalDate day, int n, int limit, Instant expiresAt) {
            long u = used.getOrDefault(userId + "/" + day, 0L);
            if (u + n > limit) return false;
            used.put(userId + "/" + day, u + n);
            return true;
        }

        @Override public synchronized void release(String userId, java.time.LocalDate day, int n) { used.computeIfPresent(userId + "/" + day, (k, u) -> u - n); }

        @Override public long used(String userId, java.time.LocalDate day) { return used.getOrDefault(userId + "/" + day, 0L); }
    }

    static final class Erasures implements dev.metarec.port.ErasureLog {
        final Map<String, Instant> log = new ConcurrentHashMap<>();

        @Override public void record(String userId, Instant at) { log.put(dev.metarec.port.ErasureLog.fingerprint(userId), at); }

        @Override public java.util.Set<String> erasedSince(Instant since) {
            java.util.Set<String> out = new java.util.HashSet<>();
            log.forEach((f, at) -> { if (!at.isBefore(since)) out.add(f); });
            return out;
        }
    }
}
