package dev.metarec.service;

import dev.metarec.port.EventStore;
import dev.metarec.port.FastWeightStore;
import dev.metarec.port.UserProfileStore;

/**
 * Erases a user: events (and with them the idempotency records), profile and fast weights. Later events
 * for the user start fresh, including a replay of an old event id. Aggregate item statistics hold no
 * personal data and are kept.
 */
public final class EraseService {
    public record Result(String userId, int eventsRemoved, boolean profileRemoved, boolean fastWeightsRemoved) {}

    private final EventStore events;
    private final UserProfileStore profiles;
    private final FastWeightStore fastWeights;

    public EraseService(EventStore events, UserProfileStore profiles, FastWeightStore fastWeights) {
        this.events = events;
        this.profiles = profiles;
        this.fastWeights = fastWeights;
    }

    public Result erase(String userId) {
        int removed = events.eraseUser(userId);
        boolean fw = fastWeights.delete(userId);
        boolean profile = profiles.delete(userId);
        return new Result(userId, removed, profile, fw);
    }
}
