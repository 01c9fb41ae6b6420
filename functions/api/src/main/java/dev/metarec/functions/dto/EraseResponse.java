package dev.metarec.functions.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** POST /erase's answer; {@code complete: false} means "partial, call again" (a heavy user's erase spans several calls). */
@RegisterForReflection
public record EraseResponse(String userId, int eventsRemoved, boolean profileRemoved, boolean fastWeightsRemoved,
                            int contributionsRetracted, boolean complete) {}
