package dev.metarec.eval.protocol;

import dev.metarec.model.Item;

import java.time.Instant;
import java.util.Objects;

/** One observed rating (or implicit event with value 1) of an item, at a time. */
public record Rated(Item item, double value, Instant time) {
    public Rated {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(time, "time");
        if (!Double.isFinite(value)) throw new IllegalArgumentException("value must be finite, was " + value);
    }

    public String itemId() { return item.itemId(); }
}
