package dev.metarec.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A catalogue item. {@code releasedAt} may be null (unknown). */
public record Item(String itemId, Attributes attributes, Instant releasedAt) {
    public Item {
        Objects.requireNonNull(itemId, "itemId");
        attributes = attributes == null ? Attributes.EMPTY : attributes;
    }

    public Optional<Instant> release() { return Optional.ofNullable(releasedAt); }
}
