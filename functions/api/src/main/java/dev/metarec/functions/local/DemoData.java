package dev.metarec.functions.local;

import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticDataset;
import dev.metarec.synthetic.SyntheticGenerator;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Data for a first local start: generated (synthetic world with known tastes), or a MovieLens directory. */
public record DemoData(List<Item> items, List<UserProfile> profiles, List<Event> events, String source) {

    /** A small synthetic world: 200 users, 300 items (genres g0..g11, brands b0..b19, price), click + rating events. */
    public static DemoData synthetic(long seed) {
        SyntheticDataset d = SyntheticGenerator.generate(SyntheticConfig.small(), seed);
        return new DemoData(d.items(), d.users(), d.events(), "synthetic (seed " + seed + ")");
    }

    /**
     * How far to move every event so that the latest one happens at {@code now} ({@link #shiftedBy}). The popularity
     * prior counts likes by age (a three-year half-life, read at the training users' latest event when the blend is
     * fitted and at the clock when serving): loaded as they are, MovieLens 100K's likes of 1997–98 would be 28 years
     * old at serving and weigh 2^-9 of a like today, so the served prior would lose its recent part and one new user's
     * likes would outweigh hundreds of old ones in the next user's list.
     */
    public Duration shiftTo(Instant now) {
        return Duration.between(events.stream().map(Event::timestamp).max(Comparator.naturalOrder()).orElse(now), now);
    }

    /** These data with every event moved by {@code shift}; order and gaps are kept, and a zero shift keeps them as they are. */
    public DemoData shiftedBy(Duration shift) {
        if (shift.isZero()) return this;
        List<Event> moved = events.stream().map(e -> new Event(e.eventId(), e.userId(), e.itemId(), e.type(), e.value(), e.timestamp().plus(shift))).toList();
        return new DemoData(items, profiles, moved, source);
    }
}
