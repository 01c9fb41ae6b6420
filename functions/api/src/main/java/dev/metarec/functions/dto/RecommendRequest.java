package dev.metarec.functions.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** POST /recommend. Everything but {@code userId} is optional (k 10, excludeSeen true, explorationShare 0). */
@RegisterForReflection
public record RecommendRequest(String userId, Integer k, List<String> candidates, List<String> exclude, List<String> categories,
                               Boolean excludeSeen, Double explorationShare) {}
