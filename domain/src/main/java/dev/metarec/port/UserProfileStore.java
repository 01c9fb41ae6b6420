package dev.metarec.port;

import dev.metarec.model.UserProfile;

import java.util.Optional;
import java.util.function.Consumer;

/** User attributes (age band, country, ...). An upsert replaces the whole profile. */
public interface UserProfileStore {

    void upsert(UserProfile profile);

    Optional<UserProfile> find(String userId);

    /** Every stored profile (meta-training); order unspecified. */
    void forEach(Consumer<UserProfile> consumer);

    /** Removes the profile; true if there was one. */
    boolean delete(String userId);
}
