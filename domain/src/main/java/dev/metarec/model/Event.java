package dev.metarec.model;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/** One interaction. {@code eventId} makes ingestion idempotent. {@code value} is the rating for RATING events. */
public record Event(String eventId, String userId, String itemId, EventType type, Double value, Instant timestamp) {
    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        if (type == EventType.RATING && value == null) throw new IllegalArgumentException("a RATING event needs a value");
        if (value != null && !Double.isFinite(value)) throw new IllegalArgumentException("value must be finite, was " + value);
    }

    public OptionalDouble optionalValue() { return value == null ? OptionalDouble.empty() : OptionalDouble.of(value); }
}
