package dev.metarec.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metarec.functions.dto.Problem;
import dev.metarec.functions.security.ForbiddenException;
import dev.metarec.functions.security.UnauthorizedException;
import dev.metarec.port.ConflictException;
import dev.metarec.service.InvalidRequestException;
import dev.metarec.service.ModelUnavailableException;
import dev.metarec.service.QuotaExceededException;
import io.vertx.ext.web.RoutingContext;

/** Maps failures to problem+json responses. Unknown failures are not mapped (they propagate as 500 with their stack logged). */
final class Problems {
    private Problems() {}

    /** The problem for a known failure, or null. */
    static Problem of(Throwable t, int status, String requestId) {
        if (t instanceof InvalidRequestException e)
            return new Problem("urn:metarec:invalid-request", "Invalid request", 400, e.getMessage(), e.field(), e.limit(), requestId);
        if (t instanceof QuotaExceededException e)
            return new Problem("urn:metarec:quota-exceeded", "Quota exceeded", 429, e.getMessage(), e.field(), e.limit(), requestId);
        if (t instanceof UnauthorizedException e) return new Problem("urn:metarec:unauthorized", "Unauthorized", 401, e.getMessage(), null, null, requestId);
        if (t instanceof ForbiddenException e) return new Problem("urn:metarec:forbidden", "Forbidden", 403, e.getMessage(), null, null, requestId);
        if (t instanceof ConflictException e) return new Problem("urn:metarec:conflict", "Conflict", 409, e.getMessage(), null, null, requestId);
        if (t instanceof ModelUnavailableException e)
            return new Problem("urn:metarec:model-unavailable", "Model unavailable", 503, e.getMessage(), null, null, requestId);
        if (t == null && status >= 400 && status < 500) return switch (status) {
            case 400 -> new Problem("urn:metarec:malformed", "Malformed request", 400, "the body is not valid JSON for this function", "body", "a JSON object as described in /openapi.yaml", requestId);
            case 404 -> new Problem("urn:metarec:not-found", "Not found", 404, "no such function; the functions are /ingest, /adapt, /recommend, /erase", null, null, requestId);
            case 405 -> new Problem("urn:metarec:method", "Method not allowed", 405, "functions take POST with a JSON body", null, null, requestId);
            case 429 -> new Problem("urn:metarec:quota-exceeded", "Quota exceeded", 429, "too many requests", null, null, requestId);
            case 413 -> new Problem("urn:metarec:too-large", "Payload too large", 413, "the body exceeds the size limit", "body", "quarkus.http.limits.max-body-size", requestId);
            default -> new Problem("urn:metarec:client-error", "Client error", status, "request rejected", null, null, requestId);
        };
        return null;
    }

    /**
     * A problem naming the JSON path where parsing failed and what was expected there, in words ("an integer",
     * "a string"). Jackson's own message is not passed on: it names Java classes and constructors.
     */
    static Problem malformed(JsonProcessingException e, String requestId) {
        String field = "body";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
                else if (r.getIndex() >= 0) path.append('[').append(r.getIndex()).append(']');
            }
            field = path.toString();
        }
        String expected = "a JSON object as described in /openapi.yaml";
        String detail;
        if (e instanceof UnrecognizedPropertyException) {
            detail = "unknown field; the fields are listed in /openapi.yaml";
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            expected = JsonTypes.describe(m.getTargetType());
            detail = "must be " + expected;
        } else if (e instanceof StreamConstraintsException) {
            expected = "nesting depth at most 32, strings at most 1,000,000 characters, numbers at most 64 digits";
            detail = "the body exceeds a JSON size limit: " + expected;
        } else if (e instanceof StreamReadException r && r.getOriginalMessage() != null && r.getOriginalMessage().startsWith("Duplicate field")) {
            detail = "a field appears twice in the same object";
            expected = "each field at most once";
        } else if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            detail = "not valid JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        } else {
            detail = "not valid JSON";
        }
        return new Problem("urn:metarec:malformed", "Malformed request", 400, (field.equals("body") ? "" : field + ": ") + detail, field,
                expected, requestId);
    }

    static void send(RoutingContext ctx, ObjectMapper json, Problem p) {
        try {
            ctx.response().setStatusCode(p.status()).putHeader("Content-Type", "application/problem+json").end(json.writeValueAsString(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("can't write a problem document", e);
        }
    }
}
