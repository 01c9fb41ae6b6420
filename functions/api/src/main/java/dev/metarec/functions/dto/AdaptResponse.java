package dev.metarec.functions.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The outcome of an adaptation. {@code lossBefore}/{@code lossAfter} are null when no step ran;
 * {@code fellBackToPrior} is true when the adapted weights were rejected (non-finite, or a support loss
 * more than 1.5 times the prior's: diverged) and nothing was stored; {@code fallbackReason} then says why
 * (null otherwise). The user is then served the champion's prior.
 */
@RegisterForReflection
public record AdaptResponse(String userId, String checkpointId, long version, int steps, int supportSize, Double lossBefore,
                            Double lossAfter, boolean stored, boolean fellBackToPrior, String fallbackReason) {}
