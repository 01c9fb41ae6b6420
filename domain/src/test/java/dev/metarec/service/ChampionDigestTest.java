package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.checkpoint.CheckpointMetadata;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A promotion records the SHA-256 of the checkpoint's bytes in the champion pointer; serving refuses an object that
 * was replaced afterwards, even by a checkpoint that decodes perfectly well.
 */
class ChampionDigestTest {
    @Test
    void aCheckpointReplacedAfterPromotion_shouldNotBeServed() {
        Fixture f = new Fixture(40).trained();
        String id = f.ports.pointer.current().orElseThrow();
        byte[] promoted = f.ports.checkpoints.map.get(id);
        assertEquals(java.util.Optional.of(Digests.sha256(promoted)), f.ports.pointer.sha256(id), "the promotion recorded the digest");

        Checkpoint original = f.codec.decode(promoted);
        Map<String, Double> metrics = new TreeMap<>(original.metadata().metrics());
        metrics.put(ServingModel.PRIOR_OFFSET, metrics.getOrDefault(ServingModel.PRIOR_OFFSET, 0.0) + 3.0);
        Checkpoint forged = new Checkpoint(id, original.config(), original.features(), original.params(),
                CheckpointMetadata.of(original.metadata().createdAt(), original.metadata().learner(), original.metadata().trainingStep(), metrics));
        f.ports.checkpoints.map.put(id, f.codec.encode(forged));   // replaced behind the store's back

        ChampionCache fresh = new ChampionCache(f.ports.pointer, f.ports.checkpoints, f.codec, 5, Duration.ZERO);
        assertTrue(fresh.current(Fixture.NOW).isEmpty(), "the replaced object is refused (and there is no previous champion)");

        f.ports.checkpoints.map.put(id, promoted);
        assertEquals(id, new ChampionCache(f.ports.pointer, f.ports.checkpoints, f.codec, 5, Duration.ZERO).current(Fixture.NOW).orElseThrow().checkpointId(),
                "the promoted bytes are served");
    }
}
