package dev.metarec.port.contract;

import dev.metarec.port.ChampionPointer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The behaviour every {@link ChampionPointer} adapter must have (compare-and-set only). */
public abstract class ChampionPointerContract {
    protected ChampionPointer pointer;

    protected abstract ChampionPointer createStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception { pointer = createStore(); }

    @Test
    void moveCurrent_shouldBootstrapFromNull_andThenRequireTheExpectedValue() {
        assertTrue(pointer.current().isEmpty());
        assertFalse(pointer.moveCurrent("c0", "c1"), "no pointer yet: only expected=null may set it");
        assertTrue(pointer.moveCurrent(null, "c1"));
        assertEquals("c1", pointer.current().orElseThrow());
        assertFalse(pointer.moveCurrent(null, "c2"), "bootstrap must not overwrite an existing pointer");
        assertFalse(pointer.moveCurrent("c0", "c2"));
        assertEquals("c1", pointer.current().orElseThrow());
        assertTrue(pointer.moveCurrent("c1", "c2"));
        assertEquals("c2", pointer.current().orElseThrow());
    }

    @Test
    void previous_shouldBeTheChampionBeforeTheLastSuccessfulMove() {
        assertTrue(pointer.previous().isEmpty());
        assertTrue(pointer.moveCurrent(null, "c1"));
        assertTrue(pointer.previous().isEmpty(), "a bootstrap has no previous champion");
        assertTrue(pointer.moveCurrent("c1", "c2"));
        assertEquals("c1", pointer.previous().orElseThrow());
        assertFalse(pointer.moveCurrent("c1", "c3"));
        assertEquals("c1", pointer.previous().orElseThrow(), "a lost move changes nothing");
        assertTrue(pointer.moveCurrent("c2", "c3"));
        assertEquals("c2", pointer.previous().orElseThrow());
    }

    @Test
    void concurrentPromotions_fromTheSameChampion_shouldHaveExactlyOneWinner() throws Exception {
        pointer.moveCurrent(null, "base");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger winners = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String next = "challenger-" + t;
            futures.add(pool.submit(() -> { if (pointer.moveCurrent("base", next)) winners.incrementAndGet(); }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        assertEquals(1, winners.get());
        assertTrue(pointer.current().orElseThrow().startsWith("challenger-"));
    }
}
