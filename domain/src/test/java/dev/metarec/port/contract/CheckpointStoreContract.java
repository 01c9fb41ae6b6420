package dev.metarec.port.contract;

import dev.metarec.port.CheckpointStore;
import dev.metarec.port.ConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The behaviour every {@link CheckpointStore} adapter must have (write-once blobs). */
public abstract class CheckpointStoreContract {
    protected CheckpointStore store;

    protected abstract CheckpointStore createStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception { store = createStore(); }

    @Test
    void write_shouldRoundTripBytesExactly() {
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        store.write("c1", big);
        assertArrayEquals(big, store.read("c1").orElseThrow());
        assertTrue(store.read("c2").isEmpty());
    }

    @Test
    void write_shouldNeverOverwrite() {
        store.write("c1", new byte[]{1, 2, 3});
        assertThrows(ConflictException.class, () -> store.write("c1", new byte[]{9}));
        assertArrayEquals(new byte[]{1, 2, 3}, store.read("c1").orElseThrow());
    }
}
