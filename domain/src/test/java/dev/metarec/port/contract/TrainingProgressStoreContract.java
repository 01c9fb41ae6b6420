package dev.metarec.port.contract;

import dev.metarec.port.TrainingProgressStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The behaviour every {@link TrainingProgressStore} adapter must have. */
public abstract class TrainingProgressStoreContract {
    protected TrainingProgressStore store;

    protected abstract TrainingProgressStore createStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception { store = createStore(); }

    @Test
    void save_shouldReplace_andClearShouldRemove() {
        assertTrue(store.load().isEmpty());
        store.save(new byte[]{1, 2});
        store.save(new byte[]{3, 4, 5});
        assertArrayEquals(new byte[]{3, 4, 5}, store.load().orElseThrow());
        store.clear();
        assertTrue(store.load().isEmpty());
        store.clear();
    }
}
