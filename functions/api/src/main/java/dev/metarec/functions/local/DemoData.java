package dev.metarec.functions.local;

import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticDataset;
import dev.metarec.synthetic.SyntheticGenerator;

import java.util.List;

/** Data for a first local start: generated (synthetic world with known tastes), or a MovieLens directory. */
public record DemoData(List<Item> items, List<UserProfile> profiles, List<Event> events, String source) {

    /** A small synthetic world: 200 users, 300 items (genres g0..g11, brands b0..b19, price), click + rating events. */
    public static DemoData synthetic(long seed) {
        SyntheticDataset d = SyntheticGenerator.generate(SyntheticConfig.small(), seed);
        return new DemoData(d.items(), d.users(), d.events(), "synthetic (seed " + seed + ")");
    }
}
