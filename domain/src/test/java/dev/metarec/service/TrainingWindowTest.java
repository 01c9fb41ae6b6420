package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Meta-training reads the events through a bounded window: one user's flood keeps only their most recent events,
 * and when all users' windows do not fit, a deterministic sample of users is kept instead of the run failing.
 */
class TrainingWindowTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Event e(String user, int i) { return new Event(user + "-" + i, user, "i" + (i % 50), EventType.RATING, 4.0, T0.plusSeconds(i)); }

    private static List<Event> world() {
        List<Event> all = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) all.add(e("flooder", i));
        for (int u = 0; u < 200; u++) for (int i = 0; i < 20; i++) all.add(e("u" + u, i));
        return all;
    }

    @Test
    void aFloodingUser_shouldKeepOnlyTheirMostRecentEvents() {
        TrainingWindow w = new TrainingWindow(new TrainingGuards(60, 1_000_000, 5, Duration.ofDays(2)));
        world().forEach(w);
        Map<String, List<Event>> byUser = w.events().stream().collect(Collectors.groupingBy(Event::userId));

        assertEquals(60, byUser.get("flooder").size());
        assertEquals(T0.plusSeconds(99_940), byUser.get("flooder").get(0).timestamp(), "the 60 most recent, oldest first");
        assertEquals(T0.plusSeconds(99_999), byUser.get("flooder").get(59).timestamp());
        assertEquals(201, byUser.size());
        assertEquals(60 + 200 * 20, w.events().size());
    }

    @Test
    void tooManyEvents_shouldSampleUsersByHash_theSameWhateverTheScanOrder() {
        TrainingGuards guards = new TrainingGuards(60, 2_000, 5, Duration.ofDays(2));
        List<Event> all = world();
        TrainingWindow first = new TrainingWindow(guards);
        all.forEach(first);
        List<Event> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(3));
        TrainingWindow second = new TrainingWindow(guards);
        shuffled.forEach(second);

        assertTrue(first.events().size() <= 2_000, "at most maxEvents kept: " + first.events().size());
        assertTrue(first.events().size() > 1_900, "and not far fewer: " + first.events().size());
        Set<String> kept = first.events().stream().map(Event::userId).collect(Collectors.toSet());
        assertEquals(kept, second.events().stream().map(Event::userId).collect(Collectors.toSet()), "deterministic");
        assertEquals(new HashSet<>(first.events()), new HashSet<>(second.events()));
        long largestKept = kept.stream().mapToLong(TrainingWindow::hash).max().orElseThrow();
        Set<String> everyone = all.stream().map(Event::userId).collect(Collectors.toSet());
        for (String u : everyone) if (!kept.contains(u)) assertTrue(TrainingWindow.hash(u) > largestKept, "dropped " + u + " has a smaller hash");
        assertEquals(everyone.size() - kept.size(), first.droppedUsers());
    }

    @Test
    void metaTrain_overMoreEventsThanItMayHold_shouldTrainOnASample_notFail() {
        Fixture f = new Fixture(60);
        int total = f.ports.events.map.size();
        TrainingGuards small = new TrainingGuards(40, total / 3, 5, Duration.ofDays(2));
        MetaTrainService bounded = new MetaTrainService(f.ports.events, f.ports.catalog, f.ports.profiles, f.ports.checkpoints, f.ports.pointer,
                f.ports.progress, dev.metarec.port.EventLogStore.NONE, f.ports.erasures, small, f.codec, f.training, f.settings, f.clock);

        TrainingData data = TrainingData.read(f.ports.events, f.ports.catalog, f.ports.profiles, small);
        MetaTrainService.Result r = bounded.run(Duration.ofMinutes(5));

        assertTrue(data.allEvents.size() <= total / 3, data.allEvents.size() + " of " + total);
        Map<String, Integer> perUser = new HashMap<>();
        data.allEvents.forEach(e -> perUser.merge(e.userId(), 1, Integer::sum));
        assertTrue(perUser.values().stream().allMatch(n -> n <= 40), perUser.toString());
        assertEquals(MetaTrainService.Status.PROMOTED, r.status(), r.message());
        assertTrue(r.trainTasks() > 0 && r.trainTasks() < 60, "a sample of the users: " + r.trainTasks());
    }

    @Test
    void aStoredRatingOffTheScale_shouldBeLeftOutAndCounted_whileOtherEventsStay() {
        TrainingWindow w = new TrainingWindow(new TrainingGuards(60, 1_000_000, 5, Duration.ofDays(2), 1.0, 5.0));
        w.accept(new Event("ok", "u", "a", EventType.RATING, 5.0, T0));
        w.accept(new Event("low", "u", "a", EventType.RATING, 0.5, T0.plusSeconds(1)));
        w.accept(new Event("poison", "u", "b", EventType.RATING, 9.9e125, T0.plusSeconds(2)));
        w.accept(new Event("view", "u", "b", EventType.VIEW, 9.9e125, T0.plusSeconds(3)));   // a view's value is never a target

        assertEquals(List.of("ok", "view"), w.events().stream().map(Event::eventId).toList());
        assertEquals(2, w.refusedEvents());
        assertEquals(4, w.seenEvents());
    }
}
