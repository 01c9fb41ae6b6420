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
    }

    @Test
    void aSecondRun_shouldBePromotedOnlyIfBetterOnValidationUsers() {
        Fixture f = new Fixture(60).trained();
        String champion = f.ports.pointer.current().orElseThrow();
        MetaTrainService.Result r = f.metaTrain.run(Duration.ofMinutes(5));
        assertTrue(Double.isFinite(r.championLoss()) && Double.isFinite(r.challengerLoss()), r.toString());
        if (r.challengerLoss() < r.championLoss()) assertEquals(MetaTrainService.Status.PROMOTED, r.status());
        else {
            assertEquals(MetaTrainService.Status.REJECTED, r.status());
            assertEquals(champion, f.ports.pointer.current().orElseThrow());
        }
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
}
