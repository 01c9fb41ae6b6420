package dev.metarec.functions.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record EraseResponse(String userId, int eventsRemoved, boolean profileRemoved, boolean fastWeightsRemoved) {}
