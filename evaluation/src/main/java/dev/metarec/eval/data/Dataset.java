package dev.metarec.eval.data;

import dev.metarec.features.FeatureSpec;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A loaded data set: catalogue, users, events in time order, the feature specs that describe their
 * attributes, and (for MeLU's published split) the split itself. Every event refers to a known user
 * and item (the constructor checks it). Users without a profile get an empty one.
 */
public record Dataset(String name, List<Item> items, List<UserProfile> users, List<Event> events,
                      List<FeatureSpec> userFeatures, List<FeatureSpec> itemFeatures, Optional<MeluSplit> meluSplit) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        items = List.copyOf(items);
        events = events.stream().sorted(Comparator.comparing(Event::timestamp).thenComparing(Event::userId).thenComparing(Event::eventId)).toList();
        userFeatures = List.copyOf(userFeatures);
        itemFeatures = List.copyOf(itemFeatures);
        Set<String> itemIds = new HashSet<>();
        for (Item i : items) if (!itemIds.add(i.itemId())) throw new IllegalArgumentException(name + ": duplicate item id " + i.itemId());
        Map<String, UserProfile> byId = new LinkedHashMap<>();
        for (UserProfile u : users) if (byId.put(u.userId(), u) != null) throw new IllegalArgumentException(name + ": duplicate user id " + u.userId());
        for (Event e : events) {
            if (!itemIds.contains(e.itemId())) throw new IllegalArgumentException(name + ": event " + e.eventId() + " refers to unknown item " + e.itemId());
            byId.computeIfAbsent(e.userId(), id -> new UserProfile(id, null));
        }
        users = List.copyOf(byId.values());
        meluSplit = meluSplit == null ? Optional.empty() : meluSplit;
    }

    public Dataset(String name, List<Item> items, List<UserProfile> users, List<Event> events,
                   List<FeatureSpec> userFeatures, List<FeatureSpec> itemFeatures) {
        this(name, items, users, events, userFeatures, itemFeatures, Optional.empty());
    }

    public Map<String, Item> itemsById() {
        Map<String, Item> m = new LinkedHashMap<>();
        for (Item i : items) m.put(i.itemId(), i);
        return m;
    }

    public Map<String, UserProfile> usersById() {
        Map<String, UserProfile> m = new LinkedHashMap<>();
        for (UserProfile u : users) m.put(u.userId(), u);
        return m;
    }

    /** True when every event is a rating (explicit feedback). */
    public boolean explicit() { return !events.isEmpty() && events.stream().allMatch(e -> e.type() == dev.metarec.model.EventType.RATING); }
}
