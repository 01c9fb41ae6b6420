package dev.metarec.functions.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem document ({@code application/problem+json}); {@code field} and {@code limit} name what was wrong. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, String limit, String requestId) {}
