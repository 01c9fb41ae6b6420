package dev.metarec.port.contract;

import dev.metarec.port.EventLogStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The behaviour every {@link EventLogStore} adapter must have. */
public abstract class EventLogStoreContract {
    protected EventLogStore store;

    protected abstract EventLogStore createStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception { store = createStore(); }

    @Test
    void write_read_delete_perRun() {
        assertTrue(store.read("ckpt-1").isEmpty());
        store.write("ckpt-1", new byte[]{1, 2, 3});
        store.write("ckpt-2", new byte[]{9});
        assertArrayEquals(new byte[]{1, 2, 3}, store.read("ckpt-1").orElseThrow());
        store.write("ckpt-1", new byte[]{4, 5});
        assertArrayEquals(new byte[]{4, 5}, store.read("ckpt-1").orElseThrow(), "a rewrite of the same run replaces it");
        store.delete("ckpt-1");
        assertTrue(store.read("ckpt-1").isEmpty());
        assertArrayEquals(new byte[]{9}, store.read("ckpt-2").orElseThrow(), "other runs are untouched");
        store.delete("ckpt-1");
        byte[] big = new byte[3_000_000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        store.write("ckpt-big", big);
        assertArrayEquals(big, store.read("ckpt-big").orElseThrow());
    }

    @Test
    void runIdsThatAreNotPlainNames_shouldBeRejected() {
        assertThrows(IllegalArgumentException.class, () -> store.write("../x", new byte[]{1}));
        assertThrows(IllegalArgumentException.class, () -> store.read(""));
    }
}
