package dev.metarec.adapter.local;

import dev.metarec.model.UserProfile;
import dev.metarec.port.UserProfileStore;
import org.h2.mvstore.MVMap;

import java.util.Optional;
import java.util.function.Consumer;

public final class LocalUserProfileStore implements UserProfileStore {
    private final LocalDatabase db;
    private final MVMap<String, byte[]> profiles;

    public LocalUserProfileStore(LocalDatabase db) {
        this.db = db;
        this.profiles = db.map("profiles");
    }

    @Override
    public void upsert(UserProfile profile) {
        profiles.put(Keys.requireId("userId", profile.userId()), Records.profile(profile));
        db.commit();
    }

    @Override
    public Optional<UserProfile> find(String userId) { return Optional.ofNullable(profiles.get(userId)).map(Records::profile); }

    @Override
    public void forEach(Consumer<UserProfile> consumer) { for (byte[] b : profiles.values()) consumer.accept(Records.profile(b)); }

    @Override
    public boolean delete(String userId) {
        boolean removed = profiles.remove(userId) != null;
        if (removed) db.commit();
        return removed;
    }
}
