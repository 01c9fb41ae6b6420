package dev.metarec.synthetic;

import dev.metarec.features.FeatureSpec;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.util.List;

/**
 * A generated world: catalogue, users, events in time order (each interaction is a CLICK followed one
 * millisecond later by a RATING of the same item) and the {@link GroundTruth} behind them.
 */
public record SyntheticDataset(List<Item> items, List<UserProfile> users, List<Event> events, GroundTruth truth) {

    public static final String GENRE = "genre";
    public static final String BRAND = "brand";
    public static final String PRICE = "price";
    public static final String AGE = "age";
    public static final String COUNTRY = "country";

    public SyntheticDataset {
        items = List.copyOf(items);
        users = List.copyOf(users);
        events = List.copyOf(events);
    }

    /** The RATING events, in time order. */
    public List<Event> ratings() { return events.stream().filter(e -> e.type() == EventType.RATING).toList(); }

    /** The implicit (CLICK) events, in time order. */
    public List<Event> implicitEvents() { return events.stream().filter(e -> e.type() == EventType.CLICK).toList(); }

    /** Feature specs matching the item attributes: genre (multi), brand (categorical), price (numeric). */
    public static List<FeatureSpec> itemFeatures() {
        return List.of(FeatureSpec.multi(GENRE), FeatureSpec.categorical(BRAND), FeatureSpec.numeric(PRICE, 8));
    }

    /** Feature specs matching the user attributes: age band (correlated with taste), country (noise). */
    public static List<FeatureSpec> userFeatures() {
        return List.of(FeatureSpec.categorical(AGE), FeatureSpec.categorical(COUNTRY));
    }
}
