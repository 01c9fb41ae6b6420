package dev.metarec.functions.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** {@code mode}: STORED, ADAPTED, ZERO_SHOT, PRIOR_FALLBACK or POPULAR; {@code reason} per item: PERSONALISED, NEW_ITEM_EXPLORATION, POPULAR_FALLBACK. */
@RegisterForReflection
public record RecommendResponse(String recommendationId, String userId, String checkpointId, String mode, List<Item> items) {

    @RegisterForReflection
    public record Item(String itemId, double score, String reason, List<Contribution> topAttributes) {}

    @RegisterForReflection
    public record Contribution(String attribute, List<String> values, double contribution) {}
}
