package dev.metarec.service;

import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A validated ingest batch. Built from the raw request fields by {@link #of}, which checks every limit
 * and throws {@link InvalidRequestException} naming the field before anything is written.
 */
public record IngestCommand(List<Event> events, List<Item> items, List<UserProfile> profiles) {
    public IngestCommand {
        events = List.copyOf(events);
        items = List.copyOf(items);
        profiles = List.copyOf(profiles);
    }

    /** Raw event fields as they arrive. {@code timestamp}: ISO-8601 instant or epoch milliseconds; null = now. */
    public record RawEvent(String eventId, String userId, String itemId, String type, Double value, String timestamp) {}

    /** Raw item fields. {@code releasedAt}: ISO-8601 instant or epoch milliseconds, optional. */
    public record RawItem(String itemId, Map<String, List<String>> attributes, String releasedAt) {}

    public record RawProfile(String userId, Map<String, List<String>> attributes) {}

    /**
     * Largest accepted |value| of a view, click or purchase event. Their value is stored (e.g. a price or a
     * dwell time) but never a training target (those come from {@link ServiceSettings}); a rating's value is
     * the target and must lie on the rating scale ({@link Limits#minRating()}..{@link Limits#maxRating()}).
     */
    public static final double MAX_ABS_VALUE = 1e6;

    public static IngestCommand of(List<RawEvent> events, List<RawItem> items, List<RawProfile> profiles, Limits limits, Instant now) {
        Validation v = new Validation(limits);
        events = v.list("events", events, limits.maxBatch());
        items = v.list("items", items, limits.maxBatch());
        profiles = v.list("profiles", profiles, limits.maxBatch());
        if (events.isEmpty() && items.isEmpty() && profiles.isEmpty())
            throw new InvalidRequestException("events", "at least one event, item or profile", "the request has no events, items or profiles");
        List<Item> outItems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) outItems.add(item(v, "items[" + i + "]", items.get(i)));
        List<UserProfile> outProfiles = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            String f = "profiles[" + i + "]";
            RawProfile p = required(f, profiles.get(i));
            outProfiles.add(new UserProfile(v.id(f + ".userId", p.userId()), v.attributes(f + ".attributes", p.attributes())));
        }
        List<Event> outEvents = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = event(v, "events[" + i + "]", events.get(i), now);
            if (keys.add(e.userId() + '\u0000' + e.eventId())) outEvents.add(e);  // a duplicate inside one batch counts once
        }
        return new IngestCommand(outEvents, outItems, outProfiles);
    }

    private static <T> T required(String field, T value) {
        if (value == null) throw new InvalidRequestException(field, "required", "must not be null");
        return value;
    }

    private static Item item(Validation v, String f, RawItem raw) {
        required(f, raw);
        String id = v.id(f + ".itemId", raw.itemId());
        Attributes attributes = v.attributes(f + ".attributes", raw.attributes());
        Instant released = raw.releasedAt() == null ? null : instant(f + ".releasedAt", raw.releasedAt());
        return new Item(id, attributes, released);
    }

    private static Event event(Validation v, String f, RawEvent raw, Instant now) {
        required(f, raw);
        String eventId = v.id(f + ".eventId", raw.eventId());
        String userId = v.id(f + ".userId", raw.userId());
        String itemId = v.id(f + ".itemId", raw.itemId());
        if (raw.type() == null) throw new InvalidRequestException(f + ".type", "one of view, click, purchase, rating", "is required");
        EventType type;
        try {
            type = EventType.valueOf(v.text(f + ".type", raw.type()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(f + ".type", "one of view, click, purchase, rating", "unknown event type '" + abbreviate(raw.type()) + "'");
        }
        Double value = raw.value();
        if (value != null && (!Double.isFinite(value) || Math.abs(value) > MAX_ABS_VALUE))
            throw new InvalidRequestException(f + ".value", "a finite number with |value| <= " + MAX_ABS_VALUE, "was " + value);
        if (type == EventType.RATING) {
            Limits l = v.limits();
            String scale = "a rating in [" + l.minRating() + ", " + l.maxRating() + "]";
            if (value == null) throw new InvalidRequestException(f + ".value", scale, "a rating event needs a value");
            if (value < l.minRating() || value > l.maxRating())
                throw new InvalidRequestException(f + ".value", scale, "was " + value + ", outside the rating scale [" + l.minRating() + ", " + l.maxRating() + "]");
        }
        Instant ts = raw.timestamp() == null ? now : instant(f + ".timestamp", raw.timestamp());
        if (ts.isAfter(now.plusSeconds(v.limits().maxFutureSkewSeconds())))
            throw new InvalidRequestException(f + ".timestamp", "at most " + v.limits().maxFutureSkewSeconds() + " s in the future", "is " + ts + ", after " + now);
        return new Event(eventId, userId, itemId, type, value, ts);
    }

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    /** An ISO-8601 instant ({@code 2026-01-01T12:00:00Z}) or epoch milliseconds, not before 1970. */
    static Instant instant(String field, String text) {
        if (text.chars().anyMatch(Character::isISOControl)) // trim() would silently drop them
            throw new InvalidRequestException(field, "an ISO-8601 instant or epoch milliseconds", "contains a control character");
        Instant t;
        try {
            String s = text.trim();
            t = !s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() <= 15 ? Instant.ofEpochMilli(Long.parseLong(s)) : Instant.parse(s);
        } catch (DateTimeException | NumberFormatException e) {
            throw new InvalidRequestException(field, "an ISO-8601 instant or epoch milliseconds", "can't read '" + abbreviate(text) + "' as a time");
        }
        if (t.isBefore(EARLIEST)) throw new InvalidRequestException(field, "not before 1970-01-01T00:00:00Z", "is " + t);
        return t;
    }

    static String abbreviate(String s) { return s.length() <= 40 ? s : s.substring(0, 40) + "..."; }
}
