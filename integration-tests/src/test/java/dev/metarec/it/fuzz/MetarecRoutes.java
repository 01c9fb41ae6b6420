package dev.metarec.it.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A valid request for each metarec HTTP function (Funqy: {@code POST /<function>} with a JSON body), the
 * templates the malformed-request corpus is derived from. Limits follow {@code dev.metarec.service.Limits.DEFAULT}.
 */
public final class MetarecRoutes {
    public static final int ID_LIMIT = 128;
    public static final int BATCH_LIMIT = 500;
    public static final int LIST_LIMIT = 5_000;

    private MetarecRoutes() {}

    /** The user every valid template refers to; a corpus run checks nothing was stored for it. */
    public static final String USER = "fuzz-user";

    public static List<MalformedRequests.Route> all() {
        return List.of(ingest(), recommend(), user("adapt"), user("erase"));
    }

    static MalformedRequests.Route ingest() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", "fuzz-event");
        event.put("userId", USER);
        event.put("itemId", "fuzz-item");
        event.put("type", "rating");
        event.put("value", 4.0);
        event.put("timestamp", "2026-01-01T00:00:00Z");
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("itemId", "fuzz-item");
        item.put("attributes", new LinkedHashMap<>(Map.of("genre", List.of("Comedy"))));
        item.put("releasedAt", "2025-06-01T00:00:00Z");
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("userId", USER);
        profile.put("attributes", new LinkedHashMap<>(Map.of("age", List.of("25-34"))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", List.of(event));
        body.put("items", List.of(item));
        body.put("profiles", List.of(profile));
        return new MalformedRequests.Route("ingest", "/ingest", body,
                // Optional fields: absent means "none" or "now"; an event type other than rating needs no value.
                Set.of("events", "items", "profiles", "events[].timestamp", "items[].attributes", "items[].releasedAt",
                        "profiles[].attributes", "items[].attributes.genre", "profiles[].attributes.age"),
                Set.of(),
                Map.of("events", BATCH_LIMIT, "items", BATCH_LIMIT, "profiles", BATCH_LIMIT,
                        "items[].attributes.genre", 64, "profiles[].attributes.age", 64),
                ID_LIMIT, Set.of("events[].timestamp", "items[].releasedAt"));
    }

    static MalformedRequests.Route recommend() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", USER);
        body.put("k", 10);
        body.put("candidates", List.of("fuzz-item"));
        body.put("exclude", List.of("fuzz-other"));
        body.put("categories", List.of("Comedy"));
        body.put("excludeSeen", true);
        body.put("explorationShare", 0.2);
        return new MalformedRequests.Route("recommend", "/recommend", body,
                Set.of("k", "candidates", "exclude", "categories", "excludeSeen", "explorationShare"),
                Set.of("k", "explorationShare"),
                Map.of("candidates", LIST_LIMIT, "exclude", LIST_LIMIT, "categories", LIST_LIMIT),
                ID_LIMIT, Set.of());
    }

    static MalformedRequests.Route user(String function) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", USER);
        return new MalformedRequests.Route(function, "/" + function, body, Set.of(), Set.of(), Map.of(), ID_LIMIT, Set.of());
    }
}
