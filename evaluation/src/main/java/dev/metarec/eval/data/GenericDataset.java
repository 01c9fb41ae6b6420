package dev.metarec.eval.data;

import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Users' own data in CSV or JSONL, as documented in {@code docs/DATA-FORMAT.md}: {@code events.csv|jsonl}
 * (required), {@code items.csv|jsonl}, {@code users.csv|jsonl} and {@code schema.csv} (optional).
 * Items that occur only in events get no attributes; feature kinds come from {@link GenericSchema}.
 */
public final class GenericDataset {
    private GenericDataset() {}

    public static Dataset load(Path dir) {
        Map<String, Item> items = new LinkedHashMap<>();
        for (Row r : rows(dir, "items", false)) {
            String id = r.required("itemId");
            Instant released = r.has("releasedAt") ? parseTime(r.value("releasedAt"), "releasedAt", r) : null;
            if (items.put(id, new Item(id, new Attributes(r.attributes("itemId", "releasedAt")), released)) != null)
                throw r.error("duplicate itemId " + id);
        }
        List<UserProfile> users = new ArrayList<>();
        for (Row r : rows(dir, "users", false)) users.add(new UserProfile(r.required("userId"), new Attributes(r.attributes("userId"))));
        List<Event> events = new ArrayList<>();
        for (Row r : rows(dir, "events", true)) {
            Event e = event(r);
            items.computeIfAbsent(e.itemId(), id -> new Item(id, Attributes.EMPTY, null));
            events.add(e);
        }
        if (events.isEmpty()) throw new DataFormatException(dir.resolve("events"), 0, "no events");
        GenericSchema schema = GenericSchema.loadOrInfer(dir.resolve("schema.csv"), items.values(), users);
        return new Dataset(dir.getFileName() == null ? "custom" : dir.getFileName().toString(), new ArrayList<>(items.values()), users, events,
                schema.userFeatures(), schema.itemFeatures());
    }

    private static Event event(Row r) {
        String user = r.required("userId");
        String item = r.required("itemId");
        Double value = r.has("value") ? parseNumber(r.value("value"), "value", r) : null;
        EventType type;
        if (r.has("type")) {
            try {
                type = EventType.valueOf(r.value("type").trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw r.error("type must be one of VIEW, CLICK, PURCHASE, RATING, was '" + r.value("type") + "'");
            }
        } else type = value != null ? EventType.RATING : EventType.CLICK;
        if (type == EventType.RATING && value == null) throw r.error("a RATING event needs a value");
        Instant t = parseTime(r.required("timestamp"), "timestamp", r);
        String id = r.has("eventId") ? r.value("eventId") : user + ":" + item + ":" + r.line();
        return new Event(id, user, item, type, value, t);
    }

    /** ISO-8601 instant, or epoch seconds (below 10^11) or epoch milliseconds. */
    static Instant parseTime(String v, String field, Row r) {
        String s = v.trim();
        try {
            if (s.matches("-?\\d+")) {
                long n = Long.parseLong(s);
                return Math.abs(n) < 100_000_000_000L ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
            }
            return Instant.parse(s);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw r.error(field + " must be ISO-8601 (2024-01-31T12:00:00Z) or epoch seconds/milliseconds, was '" + v + "'");
        }
    }

    private static double parseNumber(String v, String field, Row r) {
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) throw r.error(field + " must be finite, was " + v);
            return d;
        } catch (NumberFormatException e) {
            throw r.error(field + " must be a number, was '" + v + "'");
        }
    }

    private static List<Row> rows(Path dir, String stem, boolean required) {
        Path csv = dir.resolve(stem + ".csv"), jsonl = dir.resolve(stem + ".jsonl");
        if (Files.isRegularFile(csv)) return Row.readCsv(csv);
        if (Files.isRegularFile(jsonl)) return Row.readJsonl(jsonl);
        if (required) throw new DataFormatException(csv, 0, "missing: give " + stem + ".csv or " + stem + ".jsonl");
        return List.of();
    }

    /** Documentation helper: the file set this loader reads. */
    static final List<String> FILES = List.of("events.csv|jsonl", "items.csv|jsonl", "users.csv|jsonl", "schema.csv");

    static final java.nio.charset.Charset CHARSET = StandardCharsets.UTF_8;
}
