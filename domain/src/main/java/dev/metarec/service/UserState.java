package dev.metarec.service;

import dev.metarec.model.Event;
import dev.metarec.model.UserProfile;
import dev.metarec.port.EventStore;
import dev.metarec.port.UserProfileStore;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the services read about a user: profile (empty if none), recent events newest first (at most the
 * serving window, {@code seenLimit}), the seen items, and {@code eventCount}, the freshness stamp of stored fast
 * weights: the number of events while the user has fewer than {@code seenLimit}; beyond the window
 * {@code seenLimit + } the newest event's epoch milliseconds, which grows with every newer event. Serving never
 * counts a user's whole history (a consistent COUNT over the partition on every request grows with the user's data).
 */
public record UserState(UserProfile profile, List<Event> recent, long eventCount, Set<String> seen) {

    public static UserState load(String userId, UserProfileStore profiles, EventStore events, int seenLimit) {
        UserProfile profile = profiles.find(userId).orElse(new UserProfile(userId, null));
        List<Event> recent = events.recent(userId, seenLimit);
        long count = recent.size() < seenLimit ? recent.size() : seenLimit + recent.get(0).timestamp().toEpochMilli();
        Set<String> seen = new HashSet<>();
        for (Event e : recent) seen.add(e.itemId());
        return new UserState(profile, recent, count, seen);
    }

    public String userId() { return profile.userId(); }

    public boolean hasEvents() { return !recent.isEmpty(); }
}
