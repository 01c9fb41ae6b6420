package dev.metarec.service;

import dev.metarec.model.Event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Collects the events meta-training learns from as they are scanned, within {@link TrainingGuards}: per user only
 * the {@code maxEventsPerUser} most recent (by timestamp, then id), and in all at most {@code maxEvents}. When the
 * users' windows together pass {@code maxEvents}, the users with the largest hash of their id are dropped (and their
 * later events ignored) until the rest fit: the kept users are the prefix of all users in hash order, whatever the
 * scan order, so a run samples users deterministically instead of running out of memory. Memory is bounded by
 * {@code maxEvents} plus one user's window. A stored event ingest would refuse (a rating off the scale) is left out
 * ({@link TrainingGuards#admits}) and counted.
 */
final class TrainingWindow implements Consumer<Event> {
    private static final Comparator<Event> OLDEST_FIRST = Comparator.comparing(Event::timestamp).thenComparing(Event::eventId);

    private final TrainingGuards guards;
    private final int perUser;
    private final int max;
    private final Map<String, PriorityQueue<Event>> byUser = new HashMap<>();
    private final TreeMap<Long, List<String>> usersByHash = new TreeMap<>();
    private long threshold = Long.MAX_VALUE;   // users whose hash is >= this are dropped
    private long kept;
    private long seen;
    private long refused;
    private final java.util.Set<String> dropped = new java.util.HashSet<>();

    TrainingWindow(TrainingGuards guards) {
        this.guards = guards;
        this.perUser = guards.maxEventsPerUser();
        this.max = guards.maxEvents();
    }

    @Override
    public void accept(Event e) {
        seen++;
        if (!guards.admits(e)) {
            refused++;
            return;
        }
        long h = hash(e.userId());
        if (h >= threshold) {
            dropped.add(e.userId());
            return;
        }
        PriorityQueue<Event> window = byUser.computeIfAbsent(e.userId(), u -> {
            usersByHash.computeIfAbsent(h, k -> new ArrayList<>()).add(u);
            return new PriorityQueue<>(OLDEST_FIRST);
        });
        window.add(e);
        kept++;
        if (window.size() > perUser) {
            window.poll();
            kept--;
        }
        while (kept > max) dropLargestHash();
    }

    private void dropLargestHash() {
        Map.Entry<Long, List<String>> last = usersByHash.pollLastEntry();
        threshold = last.getKey();
        for (String u : last.getValue()) {
            kept -= byUser.remove(u).size();
            dropped.add(u);
        }
    }

    /** The kept events, each user's oldest first, users in no particular order. */
    List<Event> events() {
        List<Event> out = new ArrayList<>((int) kept);
        for (PriorityQueue<Event> w : byUser.values()) {
            List<Event> l = new ArrayList<>(w);
            l.sort(OLDEST_FIRST);
            out.addAll(l);
        }
        return out;
    }

    long seenEvents() { return seen; }

    /** Events left out because ingest would have refused them ({@link TrainingGuards#admits}). */
    long refusedEvents() { return refused; }

    int keptUsers() { return byUser.size(); }

    int droppedUsers() { return dropped.size(); }

    /** A 64-bit mix (FNV-1a, then a finaliser) of the user id: the sampling order. */
    static long hash(String userId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < userId.length(); i++) {
            h ^= userId.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h & Long.MAX_VALUE;
    }
}
