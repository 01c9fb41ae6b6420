package dev.metarec.spark;

import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.service.TrainingRecipes;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the job moves between machines: plain serializable copies of the domain records (which are not
 * {@link Serializable}), turned back into domain records where the domain code needs them.
 */
final class Rows {
    private Rows() {}

    /** An attribute map that Java serialization can carry and that compares by content. */
    static LinkedHashMap<String, ArrayList<String>> attributes(Attributes a) {
        LinkedHashMap<String, ArrayList<String>> m = new LinkedHashMap<>();
        a.values().forEach((k, v) -> m.put(k, new ArrayList<>(v)));
        return m;
    }

    static Attributes attributes(Map<String, ? extends List<String>> m) {
        return m == null || m.isEmpty() ? Attributes.EMPTY : new Attributes(new LinkedHashMap<>(m));
    }

    record EventRow(String eventId, String userId, String itemId, String type, Double value, long timestampMillis) implements Serializable {
        static EventRow of(Event e) {
            return new EventRow(e.eventId(), e.userId(), e.itemId(), e.type().name(), e.value(), e.timestamp().toEpochMilli());
        }

        Event event() { return new Event(eventId, userId, itemId, EventType.valueOf(type), value, Instant.ofEpochMilli(timestampMillis)); }
    }

    record ItemRow(String itemId, LinkedHashMap<String, ArrayList<String>> attributes, Long releasedAtMillis) implements Serializable {
        static ItemRow of(Item i) {
            return new ItemRow(i.itemId(), Rows.attributes(i.attributes()), i.releasedAt() == null ? null : i.releasedAt().toEpochMilli());
        }

        Item item() { return new Item(itemId, Rows.attributes(attributes), releasedAtMillis == null ? null : Instant.ofEpochMilli(releasedAtMillis)); }
    }

    /** One user's events (any order) and profile attributes (empty when the user has no stored profile). */
    record UserHistory(String userId, List<EventRow> events, LinkedHashMap<String, ArrayList<String>> profile) implements Serializable {
        /** The events oldest first, as {@link dev.metarec.service.TrainingRecipe#task} takes them. */
        List<Event> domainEvents() {
            List<Event> out = new ArrayList<>(events.size());
            for (EventRow r : events) out.add(r.event());
            out.sort(TrainingRecipes.OLDEST_FIRST);
            return out;
        }

        UserProfile domainProfile() { return new UserProfile(userId, attributes(profile)); }
    }
}
