package dev.metarec.functions.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** POST /adapt and POST /erase: the user. */
@RegisterForReflection
public record UserRequest(String userId) {}
