package dev.metarec.service;

import dev.metarec.checkpoint.CheckpointFormatException;
import dev.metarec.port.CheckpointStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class MetaTrainServiceTest {

    @Test
    void aRunCutShort_shouldResumeTheSameRun_andBootstrapTheFirstChampion() {
        Fixture f = new Fixture(60);
        MetaTrainService.Result cut = f.metaTrain.run(Duration.ZERO);
        assertEquals(MetaTrainService.Status.IN_PROGRESS, cut.status());
        assertTrue(f.ports.progress.load().isPresent());
        assertTrue(f.ports.pointer.current().isEmpty());

        MetaTrainService.Result done = f.metaTrain.run(Duration.ofMinutes(5));
        assertEquals(MetaTrainService.Status.PROMOTED, done.status());
        assertEquals(cut.runId(), done.runId());
        assertEquals(f.training.targetSteps(), done.step());
        assertEquals(done.checkpointId(), f.ports.pointer.current().orElseThrow());
        assertTrue(f.ports.progress.load().isEmpty());
        assertTrue(f.champion.current(Fixture.NOW).isPresent());
        assertEquals(f.training.supportShrinkage(), f.champion.require(Fixture.NOW).checkpoint().config().supportShrinkage(),
                "the model is designed with the settings' support shrinkage, so serving adapts as evaluated");
        assertTrue(f.training.supportShrinkage() > 0);
    }

    @Test
    void aBetterChallenger_shouldBePromoted() {
        Fixture f = new Fixture(60).trained();
        String untrained = replaceChampionWithUntrained(f);

        MetaTrainService.Result r = f.metaTrain.run(Duration.ofMinutes(5));

        assertEquals(MetaTrainService.Status.PROMOTED, r.status(), r.toString());
        assertTrue(r.challengerLoss() < r.championLoss(), r.toString());
        assertEquals(r.checkpointId(), f.ports.pointer.current().orElseThrow());
        assertEquals(untrained, f.ports.pointer.previous().orElseThrow());
    }

    @Test
    void aWorseChallenger_shouldBeRejected_andNothingWritten() {
        Fixture f = new Fixture(60).trained();
        String champion = f.ports.pointer.current().orElseThrow();
        java.util.Set<String> stored = java.util.Set.copyOf(f.ports.checkpoints.map.keySet());
        // Adam with a meta learning rate of 1 moves every parameter by about 1 per step: a wrecked, finite challenger
        MetaTrainSettings t = f.training;
        MetaTrainSettings reckless = new MetaTrainSettings(t.embeddingDim(), t.hiddenWidths(), t.learner(), t.innerSteps(), t.innerLr(),
                1.0, t.metaBatchSize(), t.threads(), t.seed(), 5, t.minEvents(), t.queryFraction(), t.maxQuery(), t.validationPercent(),
                t.maxValidationUsers(), t.promotionMargin(), t.checkpointEvery(), t.supportShrinkage());
        MetaTrainService service = new MetaTrainService(f.ports.events, f.ports.catalog, f.ports.profiles, f.ports.checkpoints,
                f.ports.pointer, f.ports.progress, f.codec, reckless, f.settings, f.clock);

        MetaTrainService.Result r = service.run(Duration.ofMinutes(5));

        assertEquals(MetaTrainService.Status.REJECTED, r.status(), r.toString());
        assertTrue(Double.isFinite(r.challengerLoss()) && r.challengerLoss() > r.championLoss(), r.toString());
        assertEquals(champion, f.ports.pointer.current().orElseThrow());
        assertEquals(stored, f.ports.checkpoints.map.keySet(), "a rejected challenger is not written");
    }

    /** Points the champion at a checkpoint of the same model with untrained parameters; returns its id. */
    private static String replaceChampionWithUntrained(Fixture f) {
        String current = f.ports.pointer.current().orElseThrow();
        dev.metarec.checkpoint.Checkpoint trained = f.codec.decode(f.ports.checkpoints.read(current).orElseThrow());
        dev.metarec.checkpoint.Checkpoint untrained = new dev.metarec.checkpoint.Checkpoint("ckpt-untrained", trained.config(),
                trained.features(), trained.network().initialise(12345), trained.metadata());
        f.ports.checkpoints.write(untrained.checkpointId(), f.codec.encode(untrained));
        assertTrue(f.ports.pointer.moveCurrent(current, untrained.checkpointId()));
        f.champion.current(Fixture.NOW);
        return untrained.checkpointId();
    }

    @Test
    void aCheckpointCorruptedInStorage_shouldNeverBePromoted() {
        Fixture f = new Fixture(60);
        CheckpointStore flipping = new CheckpointStore() {
            @Override public void write(String id, byte[] bytes) {
                byte[] b = bytes.clone();
                b[b.length / 2] ^= 0x10;
                f.ports.checkpoints.write(id, b);
            }

            @Override public Optional<byte[]> read(String id) { return f.ports.checkpoints.read(id); }
        };
        assertThrows(CheckpointFormatException.class, () -> f.metaTrain(flipping).run(Duration.ofMinutes(5)));
        assertTrue(f.ports.pointer.current().isEmpty(), "the pointer never moves to a checkpoint that does not verify");
    }

    @Test
    void unreadableProgress_shouldStartANewRun() {
        Fixture f = new Fixture(60);
        f.ports.progress.save(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
        MetaTrainService.Result r = f.metaTrain.run(Duration.ofMinutes(5));
        assertEquals(MetaTrainService.Status.PROMOTED, r.status());
    }

    @Test
    void noItems_shouldReportNoData() {
        Fixture f = new Fixture(60);
        f.ports.catalog.map.clear();
        assertEquals(MetaTrainService.Status.NO_DATA, f.metaTrain.run(Duration.ofMinutes(1)).status());
    }

    /** Event-log snapshots in memory, and an events table that counts its full reads. */
    static final class Logs implements dev.metarec.port.EventLogStore {
        final java.util.Map<String, byte[]> map = new java.util.HashMap<>();
        @Override public void write(String runId, byte[] s) { map.put(runId, s.clone()); }
        @Override public Optional<byte[]> read(String runId) { return Optional.ofNullable(map.get(runId)).map(byte[]::clone); }
        @Override public void delete(String runId) { map.remove(runId); }
    }

    private static MetaTrainService withLog(Fixture f, dev.metarec.port.EventStore events, Logs logs) {
        return new MetaTrainService(events, f.ports.catalog, f.ports.profiles, f.ports.checkpoints, f.ports.pointer, f.ports.progress, logs,
                f.codec, f.training, f.settings, f.clock);
    }

    @Test
    void resumedInvocations_shouldTrainOnTheRunsEventLogSnapshot_notTheTable() {
        Fixture f = new Fixture(60);
        java.util.concurrent.atomic.AtomicInteger scans = new java.util.concurrent.atomic.AtomicInteger();
        dev.metarec.port.EventStore counting = new dev.metarec.port.EventStore() {
            @Override public Appended appendTracked(dev.metarec.model.Event e, java.time.Instant now) { return f.ports.events.appendTracked(e, now); }
            @Override public Optional<String> claimStats(String u, String e, java.time.Instant now, Duration lease) { return f.ports.events.claimStats(u, e, now, lease); }
            @Override public void markStatsApplied(String u, String e) { f.ports.events.markStatsApplied(u, e); }
            @Override public java.util.List<dev.metarec.model.Event> recent(String u, int limit) { return f.ports.events.recent(u, limit); }
            @Override public long count(String u) { return f.ports.events.count(u); }
            @Override public void forEach(java.util.function.Consumer<dev.metarec.model.Event> c) { scans.incrementAndGet(); f.ports.events.forEach(c); }
            @Override public void forEachUnappliedStats(java.time.Instant t, java.util.function.Consumer<dev.metarec.model.Event> c) { f.ports.events.forEachUnappliedStats(t, c); }
            @Override public int eraseUser(String u) { return f.ports.events.eraseUser(u); }
        };
        Logs logs = new Logs();
        MetaTrainService service = withLog(f, counting, logs);
        MetaTrainService.Result cut = service.run(Duration.ZERO);
        assertEquals(MetaTrainService.Status.IN_PROGRESS, cut.status());
        assertEquals(1, scans.get());
        int events = f.ports.events.map.size();
        assertEquals(events, EventLogCodec.decode(logs.map.get(cut.runId())).size(), "the run's snapshot holds every event it started with");

        for (int i = 0; i < 40; i++)   // new users arrive mid-run: the run must not see them
            f.ports.events.append(new dev.metarec.model.Event("late-" + i, "late-user-" + (i % 8), "i" + i, dev.metarec.model.EventType.RATING, 4.0,
                    Fixture.NOW.minusSeconds(i)), Fixture.NOW);
        MetaTrainService.Result again = service.run(Duration.ZERO);
        assertEquals(cut.runId(), again.runId());
        assertEquals(1, scans.get(), "a resumed invocation reads the snapshot, not the table");
        assertEquals(cut.trainTasks(), again.trainTasks(), "and trains on the same data");
        assertEquals(cut.validationTasks(), again.validationTasks());

        MetaTrainService.Result done = service.run(Duration.ofMinutes(5));
        assertEquals(MetaTrainService.Status.PROMOTED, done.status());
        assertEquals(1, scans.get());
        assertTrue(logs.map.isEmpty(), "a finished run's snapshot is deleted");
    }

    @Test
    void aCorruptSnapshot_shouldFallBackToTheTable_andStillFinish() {
        Fixture f = new Fixture(60);
        Logs logs = new Logs();
        MetaTrainService service = withLog(f, f.ports.events, logs);
        String runId = service.run(Duration.ZERO).runId();
        byte[] bytes = logs.map.get(runId);
        bytes[bytes.length / 2] ^= 0x20;
        assertThrows(dev.metarec.checkpoint.CheckpointFormatException.class, () -> EventLogCodec.decode(bytes));
        logs.map.put(runId, bytes);
        MetaTrainService.Result done = service.run(Duration.ofMinutes(5));
        assertEquals(MetaTrainService.Status.PROMOTED, done.status());
        assertEquals(runId, done.runId());
    }

    @Test
    void eventLogCodec_shouldRoundTripEveryField() {
        java.util.List<dev.metarec.model.Event> in = java.util.List.of(
                new dev.metarec.model.Event("e1", "u\u00e9", "i1", dev.metarec.model.EventType.RATING, 4.5, Fixture.NOW),
                new dev.metarec.model.Event("e2", "u2", "i2", dev.metarec.model.EventType.CLICK, null, Fixture.NOW.plusMillis(7)));
        assertEquals(in, EventLogCodec.decode(EventLogCodec.encode(in)));
        byte[] b = EventLogCodec.encode(in);
        assertThrows(dev.metarec.checkpoint.CheckpointFormatException.class, () -> EventLogCodec.decode(java.util.Arrays.copyOf(b, b.length - 3)));
    }
}
