package dev.metarec.functions.dto;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/** POST /ingest: events, item upserts and profile upserts; any may be absent but not all. */
@RegisterForReflection
public record IngestRequest(List<Event> events, List<Item> items, List<Profile> profiles) {

    /**
     * {@code type}: view, click, purchase or rating; {@code value}: the rating; {@code timestamp}: an ISO-8601
     * string or epoch milliseconds (a number or a string of digits), default now.
     */
    @RegisterForReflection
    public record Event(String eventId, String userId, String itemId, String type, Double value, JsonNode timestamp) {}

    /** {@code attributes}: name to values, e.g. {"genre": ["Comedy", "Drama"]}; {@code releasedAt}: as an event's timestamp. */
    @RegisterForReflection
    public record Item(String itemId, Map<String, List<String>> attributes, JsonNode releasedAt) {}

    @RegisterForReflection
    public record Profile(String userId, Map<String, List<String>> attributes) {}
}
