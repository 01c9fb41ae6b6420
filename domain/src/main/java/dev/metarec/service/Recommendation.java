package dev.metarec.service;

import java.util.List;

/** A recommendation response: an id to attribute later events to, how the user was scored, and the items. */
public record Recommendation(String recommendationId, String userId, String checkpointId, Mode mode, List<RecommendedItem> items) {

    /** Why an item is in the list. */
    public enum Reason {
        /** Ranked by the user's (adapted or zero-shot) preference model. */
        PERSONALISED,
        /** A new item (few interactions yet) placed in an exploration slot. */
        NEW_ITEM_EXPLORATION,
        /** Nothing is known about the user: ranked by popularity. */
        POPULAR_FALLBACK
    }

    /** How the user's weights were obtained. */
    public enum Mode {
        /** Stored fast weights of the current champion, made on the user's current events. */
        STORED,
        /** Adapted now (weights missing, stale or made for an older champion) and stored. */
        ADAPTED,
        /** No events: scored from the user's attributes with the champion's prior. */
        ZERO_SHOT,
        /** Adaptation failed (non-finite): the champion's prior. */
        PRIOR_FALLBACK,
        /** No events and no attributes: popularity. */
        POPULAR
    }

    /** An attribute that raised the item's score, by how much (occlusion attribution). */
    public record Contribution(String attribute, List<String> values, double contribution) {}

    public record RecommendedItem(String itemId, double score, Reason reason, List<Contribution> topAttributes) {}
}
