package dev.metarec.port.contract;

import dev.metarec.model.Attributes;
import dev.metarec.model.UserProfile;
import dev.metarec.port.UserProfileStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The behaviour every {@link UserProfileStore} adapter must have. */
public abstract class UserProfileStoreContract {
    protected UserProfileStore store;

    protected abstract UserProfileStore createStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception { store = createStore(); }

    @Test
    void upsert_shouldReplace_andFindShouldReturnIt() {
        store.upsert(new UserProfile("u1", Attributes.of("age", "25-34", "country", "FR")));
        store.upsert(new UserProfile("u1", Attributes.of("age", "35-44")));
        UserProfile p = store.find("u1").orElseThrow();
        assertEquals(Attributes.of("age", "35-44"), p.attributes());
        assertTrue(store.find("u2").isEmpty());
    }

    @Test
    void delete_shouldRemove_onlyThatUser() {
        store.upsert(new UserProfile("u1", Attributes.of("age", "25-34")));
        store.upsert(new UserProfile("u2", Attributes.of("age", "18-24")));
        assertTrue(store.delete("u1"));
        assertFalse(store.delete("u1"));
        assertTrue(store.find("u1").isEmpty());
        assertTrue(store.find("u2").isPresent());
    }

    @Test
    void forEach_shouldVisitEveryProfile() {
        for (int i = 0; i < 12; i++) store.upsert(new UserProfile("u" + i, Attributes.of("age", "a" + i)));
        Set<String> ids = new HashSet<>();
        store.forEach(p -> ids.add(p.userId()));
        assertEquals(12, ids.size());
    }
}
