package dev.metarec.port.contract;

import dev.metarec.port.FastWeightStore;
import dev.metarec.port.FastWeightStore.StoredFastWeights;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The behaviour every {@link FastWeightStore} adapter must have (optimistic locking). */
public abstract class FastWeightStoreContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    protected FastWeightStore store;

    protected abstract FastWeightStore createStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception { store = createStore(); }

    private static StoredFastWeights record(String user, long version, byte b) {
        return new StoredFastWeights(user, "ckpt-1", version, new byte[]{b, 2, 3}, T0.plusSeconds(version));
    }

    @Test
    void put_shouldCreate_whenExpectedVersionIsZero_andRoundTrip() {
        assertTrue(store.put(record("u1", 1, (byte) 7), 0));
        StoredFastWeights got = store.find("u1").orElseThrow();
        assertEquals("ckpt-1", got.checkpointId());
        assertEquals(1, got.version());
        assertArrayEquals(new byte[]{7, 2, 3}, got.payload());
        assertEquals(T0.plusSeconds(1), got.updatedAt());
    }

    @Test
    void put_shouldFail_whenExpectedVersionIsStale_andKeepTheNewerRecord() {
        assertTrue(store.put(record("u1", 1, (byte) 1), 0));
        assertTrue(store.put(record("u1", 2, (byte) 2), 1));
        assertFalse(store.put(record("u1", 2, (byte) 9), 1), "a writer that read version 1 must lose");
        assertFalse(store.put(record("u1", 1, (byte) 9), 0), "create must fail when a record exists");
        assertArrayEquals(new byte[]{2, 2, 3}, store.find("u1").orElseThrow().payload());
    }

    @Test
    void put_shouldRejectAVersionThatIsNotExpectedPlusOne() {
        assertThrows(IllegalArgumentException.class, () -> store.put(record("u1", 5, (byte) 1), 0));
        assertTrue(store.find("u1").isEmpty());
    }

    @Test
    void delete_shouldRemove_andAllowCreateAgain() {
        store.put(record("u1", 1, (byte) 1), 0);
        assertTrue(store.delete("u1"));
        assertFalse(store.delete("u1"));
        assertTrue(store.find("u1").isEmpty());
        assertTrue(store.put(record("u1", 1, (byte) 3), 0));
    }

    @Test
    void concurrentWriters_shouldNeverLoseAnUpdate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger successes = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) futures.add(pool.submit(() -> {
            for (int i = 0; i < 10; i++) {
                long v = store.find("u1").map(StoredFastWeights::version).orElse(0L);
                if (store.put(record("u1", v + 1, (byte) i), v)) successes.incrementAndGet();
            }
        }));
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        assertEquals(successes.get(), store.find("u1").orElseThrow().version(), "final version equals the number of successful writes");
    }
}
