package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.features.FeatureSpace;
import dev.metarec.features.FeatureSpec;
import dev.metarec.features.FeatureVocabulary;
import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;
import dev.metarec.port.ErasureLog;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What meta-training keeps about individuals: profile values seen on fewer than five users never reach a checkpoint;
 * a run in progress drops the events of a user erased since it started (and rewrites its snapshot); a run older than
 * its maximum age is started again rather than resumed from an old snapshot.
 */
class TrainingPrivacyTest {

    @Test
    void aRareProfileValue_shouldHash_notBeWrittenIntoTheModel() {
        ModelConfig config = new ModelConfig(List.of(FeatureSpec.categorical("zip"), FeatureSpec.numeric("age", 8)), List.of(FeatureSpec.categorical("genre")),
                4, List.of(8), Objective.SQUARED_ERROR, List.of("out.W"), false, false, 0.01);
        List<UserProfile> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) users.add(new UserProfile("u" + i, Attributes.of("zip", i < 16 ? "75001" : i < 20 ? "75002" : "x", "age", Integer.toString(20 + i))));
        users.add(new UserProfile("rare", Attributes.of("zip", "99999", "age", "97")));
        List<Item> items = List.of(new Item("a", Attributes.of("genre", "g"), null));

        FeatureSpace space = FeatureSpace.fit(config, users, items, 5, 1);

        FeatureVocabulary zip = space.userVocabularies().get(0);
        assertEquals(List.of("75001"), zip.knownValues(), "75002 has 4 users, 99999 one: both hash");
        double[] age = space.userVocabularies().get(1).boundaries();
        assertTrue(age.length <= 21 / 5 - 1, "at most users/5 buckets: " + java.util.Arrays.toString(age));
        for (double b : age) assertNotEquals(97.0, b, "no boundary is the rare user's value");
        assertEquals(List.of("75001", "75002", "99999"), FeatureSpace.fit(config, users, items, 1).userVocabularies().get(0).knownValues(),
                "with minimum count 1 every value is kept (what checkpoints held before)");
    }

    @Test
    void metaTrain_shouldWriteOnlyProfileValuesSharedByFiveUsers() {
        Fixture f = new Fixture(60);
        f.ports.profiles.upsert(new UserProfile("u0", Attributes.of("age", "97", "country", "Tuvalu-Funafuti-31")));
        Fixture.class.getName();
        MetaTrainService.Result r = f.metaTrain.run(Duration.ofMinutes(5));
        assertEquals(MetaTrainService.Status.PROMOTED, r.status(), r.message());
        Checkpoint c = f.codec.decode(f.ports.checkpoints.read(r.checkpointId()).orElseThrow());
        for (FeatureVocabulary v : c.features().userVocabularies())
            assertFalse(v.knownValues().contains("Tuvalu-Funafuti-31"), v.name() + " " + v.knownValues());
    }

    /** An event-log store in memory, to look at what a run's snapshot holds. */
    static final class Logs implements dev.metarec.port.EventLogStore {
        final Map<String, byte[]> map = new java.util.concurrent.ConcurrentHashMap<>();
        @Override public void write(String runId, byte[] s) { map.put(runId, s.clone()); }
        @Override public Optional<byte[]> read(String runId) { return Optional.ofNullable(map.get(runId)); }
        @Override public void delete(String runId) { map.remove(runId); }
    }

    @Test
    void aUserErasedDuringARun_shouldLeaveTheRunsSnapshot_whenTheRunResumes() {
        Fixture f = new Fixture(60);
        Logs logs = new Logs();
        MetaTrainService service = new MetaTrainService(f.ports.events, f.ports.catalog, f.ports.profiles, f.ports.checkpoints, f.ports.pointer,
                f.ports.progress, logs, f.ports.erasures, TrainingGuards.DEFAULT, f.codec, f.training, f.settings, f.clock);
        MetaTrainService.Result started = service.run(Duration.ZERO);
        assertEquals(MetaTrainService.Status.IN_PROGRESS, started.status());
        String victim = f.data.events().get(0).userId();
        assertTrue(EventLogCodec.decode(logs.map.get(started.runId())).stream().anyMatch(e -> e.userId().equals(victim)));

        assertTrue(f.erase.erase(victim).complete());
        MetaTrainService.Result resumed = service.run(Duration.ZERO);

        assertEquals(started.runId(), resumed.runId(), "the run resumes");
        assertTrue(EventLogCodec.decode(logs.map.get(started.runId())).stream().noneMatch(e -> e.userId().equals(victim)),
                "its snapshot no longer holds the erased user's events");
        assertTrue(resumed.trainTasks() + resumed.validationTasks() < started.trainTasks() + started.validationTasks(), "nor do its tasks");
    }

    @Test
    void aRunOlderThanItsMaximumAge_shouldStartAgain_notResume() {
        Fixture f = new Fixture(40);
        Logs logs = new Logs();
        MetaTrainService today = new MetaTrainService(f.ports.events, f.ports.catalog, f.ports.profiles, f.ports.checkpoints, f.ports.pointer,
                f.ports.progress, logs, ErasureLog.NONE, TrainingGuards.DEFAULT, f.codec, f.training, f.settings, f.clock);
        MetaTrainService.Result started = today.run(Duration.ZERO);
        Clock later = Clock.fixed(Fixture.NOW.plus(Duration.ofDays(3)), ZoneOffset.UTC);
        MetaTrainService threeDaysOn = new MetaTrainService(f.ports.events, f.ports.catalog, f.ports.profiles, f.ports.checkpoints, f.ports.pointer,
                f.ports.progress, logs, ErasureLog.NONE, TrainingGuards.DEFAULT, f.codec, f.training, f.settings, later);

        MetaTrainService.Result next = threeDaysOn.run(Duration.ZERO);

        assertNotEquals(started.runId(), next.runId(), "a new run");
        assertFalse(logs.map.containsKey(started.runId()), "the old run's snapshot is deleted");
    }

    @SuppressWarnings("unused")
    private static Event event(String user, String item) { return new Event("e", user, item, EventType.RATING, 4.0, Instant.EPOCH); }
}
