package dev.metarec.port.contract;

import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.ItemStatsStore.ItemStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** The behaviour every {@link ItemStatsStore} adapter must have. */
public abstract class ItemStatsStoreContract {
    protected ItemStatsStore store;

    protected abstract ItemStatsStore createStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception { store = createStore(); }

    @Test
    void add_shouldAccumulate() {
        assertTrue(store.find("i1").isEmpty());
        store.add("i1", 1, 0.5, 1, 312.5);
        store.add("i1", 2, -1.25, 0, -0.25);
        ItemStats s = store.find("i1").orElseThrow();
        assertEquals(3, s.count());
        assertEquals(-0.75, s.residualSum(), 1e-12);
        assertEquals(1, s.positives());
        assertEquals(312.25, s.recentPositives(), 1e-9);
        assertEquals(1, store.all().size());
        assertEquals(s, store.all().get("i1"));
    }

    @Test
    void add_shouldNotLoseIncrements_underConcurrency() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) futures.add(pool.submit(() -> { for (int i = 0; i < 25; i++) store.add("hot", 1, 0.5, 1, 2.5); }));
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        ItemStats s = store.find("hot").orElseThrow();
        assertEquals(200, s.count());
        assertEquals(100.0, s.residualSum(), 1e-9);
        assertEquals(200, s.positives());
        assertEquals(500.0, s.recentPositives(), 1e-9);
    }

    @Test
    void add_shouldRejectNonFiniteResidual_andStoreNothing() {
        assertThrows(IllegalArgumentException.class, () -> store.add("i1", 1, Double.NaN, 0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> store.add("i1", 1, Double.POSITIVE_INFINITY, 0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> store.add("i1", 1, 0.0, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> store.addOnce("i1", "tok", 1, 0.0, 1, Double.POSITIVE_INFINITY));
        assertTrue(store.find("i1").isEmpty());
    }

    @Test
    void addOnce_shouldAddOncePerPendingToken_andSettleShouldForgetIt() {
        assertTrue(store.addOnce("i1", "tok-a", 1, 0.5, 1, 7.0));
        assertFalse(store.addOnce("i1", "tok-a", 1, 0.5, 1, 7.0), "a pending token adds nothing");
        assertTrue(store.addOnce("i1", "tok-b", 1, -0.25, 0, 0.0));
        assertEquals(java.util.Set.of("tok-a", "tok-b"), store.pending("i1"));
        ItemStats s = store.find("i1").orElseThrow();
        assertEquals(2, s.count());
        assertEquals(0.25, s.residualSum(), 1e-12);
        assertEquals(1, s.positives());
        assertEquals(7.0, s.recentPositives(), 0.0);
        store.settle("i1", "tok-a");
        assertEquals(java.util.Set.of("tok-b"), store.pending("i1"));
        assertEquals(s, store.find("i1").orElseThrow(), "settling changes no counter");
        store.settle("i1", "tok-b");
        assertTrue(store.pending("i1").isEmpty());
        store.settle("never", "tok-x");
        assertTrue(store.find("never").isEmpty(), "settling creates nothing");
        assertEquals(1, store.all().size());
    }

    @Test
    void addOnce_shouldAddExactlyOnce_underConcurrency() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) futures.add(pool.submit(() -> { for (int i = 0; i < 10; i++) store.addOnce("hot", "tok-" + i, 1, 1.0, 0, 0.0); }));
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        assertEquals(10, store.find("hot").orElseThrow().count());
        assertEquals(10, store.pending("hot").size());
    }
}
