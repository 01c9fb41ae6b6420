package dev.metarec.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class ChampionCacheTest {

    @Test
    void aCorruptNewChampion_shouldNeverBeLoaded_andThePreviousKeepsServing() {
        Fixture f = new Fixture(60).trained();
        String good = f.ports.pointer.current().orElseThrow();
        assertEquals(good, f.champion.require(Fixture.NOW).checkpointId());

        byte[] bytes = f.ports.checkpoints.read(good).orElseThrow();
        bytes[bytes.length - 5] ^= 0x01;
        f.ports.checkpoints.write("ckpt-corrupt", bytes);
        assertTrue(f.ports.pointer.moveCurrent(good, "ckpt-corrupt"));

        assertEquals(good, f.champion.refresh(Fixture.NOW).checkpointId(), "the warm container keeps its champion");
        ChampionCache cold = new ChampionCache(f.ports.pointer, f.ports.checkpoints, f.codec, 5, Duration.ZERO);
        assertEquals(good, cold.require(Fixture.NOW).checkpointId(),
                "a cold container never loads the corrupt one and serves the previous champion");
        assertEquals(good, cold.refresh(Fixture.NOW).checkpointId(), "and keeps serving it on the next refresh");
    }

    @Test
    void aColdContainer_withNoLoadablePrevious_shouldServeNothing() {
        Fixture f = new Fixture(60).trained();
        String good = f.ports.pointer.current().orElseThrow();
        byte[] bytes = f.ports.checkpoints.read(good).orElseThrow();
        bytes[bytes.length - 5] ^= 0x01;
        f.ports.checkpoints.write("ckpt-corrupt-1", bytes);
        f.ports.checkpoints.write("ckpt-corrupt-2", bytes);
        assertTrue(f.ports.pointer.moveCurrent(good, "ckpt-corrupt-1"));
        assertTrue(f.ports.pointer.moveCurrent("ckpt-corrupt-1", "ckpt-corrupt-2"));

        ChampionCache cold = new ChampionCache(f.ports.pointer, f.ports.checkpoints, f.codec, 5, Duration.ZERO);
        assertTrue(cold.current(Fixture.NOW).isEmpty(), "neither the current nor the previous checkpoint loads");
        assertThrows(ModelUnavailableException.class, () -> cold.require(Fixture.NOW));
    }
}
