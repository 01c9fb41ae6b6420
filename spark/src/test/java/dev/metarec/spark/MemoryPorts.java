package dev.metarec.spark;

import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.ChampionPointer;
import dev.metarec.port.CheckpointStore;
import dev.metarec.port.ConflictException;
import dev.metarec.port.EventStore;
import dev.metarec.port.TrainingProgressStore;
import dev.metarec.port.UserProfileStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** In-memory ports: the in-process trainer's side of the comparison, and the job's checkpoint store and pointer. */
final class MemoryPorts {
    final List<Event> events = new ArrayList<>();
    final List<Item> items = new ArrayList<>();
    final List<UserProfile> profiles = new ArrayList<>();
    final Map<String, byte[]> checkpoints = new LinkedHashMap<>();
    String champion;
    byte[] progress;

    EventStore eventStore() {
        return new EventStore() {
            @Override public Appended appendTracked(Event event, Instant now) { throw new UnsupportedOperationException(); }
            @Override public Optional<String> claimStats(String u, String e, Instant now, Duration lease) { return Optional.empty(); }
            @Override public void markStatsApplied(String u, String e) { }
            @Override public List<Event> recent(String userId, int limit) { throw new UnsupportedOperationException(); }
            @Override public long count(String userId) { throw new UnsupportedOperationException(); }
            @Override public void forEach(Consumer<Event> c) { events.forEach(c); }
            @Override public void forEachUnappliedStats(Instant t, Consumer<Event> c) { }
            @Override public int eraseUser(String userId) { throw new UnsupportedOperationException(); }
        };
    }

    CatalogStore catalogStore() {
        return new CatalogStore() {
            @Override public void upsert(Item item) { throw new UnsupportedOperationException(); }
            @Override public Optional<Item> find(String id) { return items.stream().filter(i -> i.itemId().equals(id)).findFirst(); }
            @Override public List<Item> all() { return List.copyOf(items); }
            @Override public long version() { return items.size(); }
            @Override public Map<Long, String> changes(long after, long upTo) { return Map.of(); }
        };
    }

    UserProfileStore profileStore() {
        return new UserProfileStore() {
            @Override public void upsert(UserProfile p) { throw new UnsupportedOperationException(); }
            @Override public Optional<UserProfile> find(String id) { return profiles.stream().filter(p -> p.userId().equals(id)).findFirst(); }
            @Override public void forEach(Consumer<UserProfile> c) { profiles.forEach(c); }
            @Override public boolean delete(String userId) { throw new UnsupportedOperationException(); }
        };
    }

    CheckpointStore checkpointStore() {
        return new CheckpointStore() {
            @Override public synchronized void write(String id, byte[] bytes) {
                if (checkpoints.putIfAbsent(id, bytes.clone()) != null) throw new ConflictException("checkpoint " + id + " exists", null);
            }
            @Override public synchronized Optional<byte[]> read(String id) { return Optional.ofNullable(checkpoints.get(id)).map(byte[]::clone); }
        };
    }

    ChampionPointer pointer() {
        return new ChampionPointer() {
            @Override public synchronized Optional<String> current() { return Optional.ofNullable(champion); }
            @Override public Optional<String> previous() { return Optional.empty(); }
            @Override public synchronized boolean moveCurrent(String expected, String next) {
                if (!java.util.Objects.equals(expected, champion)) return false;
                champion = next;
                return true;
            }
        };
    }

    TrainingProgressStore progressStore() {
        return new TrainingProgressStore() {
            @Override public void save(byte[] p) { progress = p.clone(); }
            @Override public Optional<byte[]> load() { return Optional.ofNullable(progress); }
            @Override public void clear() { progress = null; }
        };
    }
}
