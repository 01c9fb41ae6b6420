package dev.metarec.model;

import java.util.Objects;

/** A user's attributes (age band, country, ...). A user with no profile has {@link Attributes#EMPTY}. */
public record UserProfile(String userId, Attributes attributes) {
    public UserProfile {
        Objects.requireNonNull(userId, "userId");
        attributes = attributes == null ? Attributes.EMPTY : attributes;
    }
}
