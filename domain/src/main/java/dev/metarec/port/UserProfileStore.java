package dev.metarec.port;

import dev.metarec.model.UserProfile;

import java.util.Optional;

public interface UserProfileStore {
    void upsert(UserProfile profile);

    Optional<UserProfile> find(String userId);

    void delete(String userId);
}
