package dev.metarec.synthetic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What generated the data: each item's facts and each user's segment and taste, with the taste after
 * the change for drifting users. The expected rating is {@code clamp(3 + utility, 1, 5)}; observed
 * ratings add Gaussian noise and round to an integer.
 */
public final class GroundTruth {

    /**
     * One user's truth. For a drifting user, interactions with index {@code >= changeIndex} (0-based, in
     * time order) and events at or after {@code changeTime} follow {@code after}; otherwise {@code after}
     * is null, {@code changeIndex} is -1 and {@code changeTime} null.
     */
    public record UserTruth(int segment, Taste before, Taste after, int changeIndex, Instant changeTime) {
        public boolean drifts() { return after != null; }

        public Taste tasteAt(int interactionIndex) { return drifts() && interactionIndex >= changeIndex ? after : before; }

        public Taste tasteAt(Instant t) { return drifts() && !t.isBefore(changeTime) ? after : before; }
    }

    private final Map<String, ItemFacts> items;
    private final Map<String, UserTruth> users;

    GroundTruth(Map<String, ItemFacts> items, Map<String, UserTruth> users) {
        this.items = Collections.unmodifiableMap(items);
        this.users = Collections.unmodifiableMap(users);
    }

    public ItemFacts item(String itemId) {
        ItemFacts f = items.get(itemId);
        if (f == null) throw new IllegalArgumentException("unknown item " + itemId);
        return f;
    }

    public UserTruth user(String userId) {
        UserTruth u = users.get(userId);
        if (u == null) throw new IllegalArgumentException("unknown user " + userId);
        return u;
    }

    /** True utility of the item for the user at their {@code interactionIndex}-th interaction. */
    public double utility(String userId, String itemId, int interactionIndex) {
        return user(userId).tasteAt(interactionIndex).utility(item(itemId));
    }

    /** True utility of the item for the user at time {@code t}. */
    public double utility(String userId, String itemId, Instant t) {
        return user(userId).tasteAt(t).utility(item(itemId));
    }

    /** Noise-free rating in [1, 5] at time {@code t}. */
    public double expectedRating(String userId, String itemId, Instant t) {
        return toRating(utility(userId, itemId, t));
    }

    static double toRating(double utility) { return Math.max(1, Math.min(5, 3 + utility)); }

    public OptionalInt changeIndex(String userId) {
        UserTruth u = user(userId);
        return u.drifts() ? OptionalInt.of(u.changeIndex()) : OptionalInt.empty();
    }

    public Optional<Instant> changeTime(String userId) { return Optional.ofNullable(user(userId).changeTime()); }

    /** Ids of the users whose taste changes, in id order. */
    public List<String> driftingUsers() {
        List<String> out = new ArrayList<>();
        users.forEach((id, u) -> { if (u.drifts()) out.add(id); });
        out.sort(null);
        return out;
    }

    public int userCount() { return users.size(); }

    public int itemCount() { return items.size(); }
}
