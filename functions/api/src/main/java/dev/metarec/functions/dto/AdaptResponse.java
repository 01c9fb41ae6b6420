package dev.metarec.functions.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The outcome of an adaptation. {@code lossBefore}/{@code lossAfter} are null when no step ran;
 * {@code fellBackToPrior} is true when adaptation became non-finite and nothing was stored.
 */
@RegisterForReflection
public record AdaptResponse(String userId, String checkpointId, long version, int steps, int supportSize, Double lossBefore,
                            Double lossAfter, boolean stored, boolean fellBackToPrior) {}
