package dev.metarec.service;

import dev.metarec.model.Attributes;

import java.util.List;
import java.util.Map;

/** Field checks that throw {@link InvalidRequestException} naming the field and the limit. */
final class Validation {
    private final Limits limits;
    private long chars;

    Validation(Limits limits) { this.limits = limits; }

    Limits limits() { return limits; }

    /** A required id: 1..maxIdLength characters, no control characters, no unpaired surrogates. */
    String id(String field, String value) {
        if (value == null) throw new InvalidRequestException(field, "required", "is required");
        if (value.isEmpty()) throw new InvalidRequestException(field, "1.." + limits.maxIdLength() + " characters", "must not be empty");
        if (value.length() > limits.maxIdLength())
            throw new InvalidRequestException(field, "at most " + limits.maxIdLength() + " characters", "has " + value.length() + " characters, the limit is " + limits.maxIdLength());
        text(field, value);
        return value;
    }

    /** Free text without control characters or unpaired surrogates, counted against the payload limit. */
    String text(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c))
                throw new InvalidRequestException(field, "no control characters", "contains control character U+" + String.format("%04X", (int) c) + " at position " + i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) { i++; continue; }
                throw new InvalidRequestException(field, "valid Unicode", "contains an unpaired surrogate at position " + i);
            }
            if (Character.isLowSurrogate(c)) throw new InvalidRequestException(field, "valid Unicode", "contains an unpaired surrogate at position " + i);
        }
        count(field, value.length());
        return value;
    }

    void count(String field, int n) {
        chars += n;
        if (chars > limits.maxPayloadChars())
            throw new InvalidRequestException(field, "at most " + limits.maxPayloadChars() + " characters of text per request",
                    "the request's text exceeds " + limits.maxPayloadChars() + " characters");
    }

    <T> List<T> list(String field, List<T> values, int max) {
        if (values == null) return List.of();
        if (values.size() > max)
            throw new InvalidRequestException(field, "at most " + max + " entries", "has " + values.size() + " entries, the limit is " + max);
        return values;
    }

    Attributes attributes(String field, Map<String, List<String>> attributes) {
        if (attributes == null) return Attributes.EMPTY;
        if (attributes.size() > limits.maxAttributes())
            throw new InvalidRequestException(field, "at most " + limits.maxAttributes() + " attributes", "has " + attributes.size() + " attributes, the limit is " + limits.maxAttributes());
        for (Map.Entry<String, List<String>> e : attributes.entrySet()) {
            String name = e.getKey();
            String at = field + "." + name;
            if (name == null || name.isEmpty()) throw new InvalidRequestException(field, "non-empty attribute names", "has an empty attribute name");
            if (name.length() > limits.maxNameLength())
                throw new InvalidRequestException(at, "attribute names of at most " + limits.maxNameLength() + " characters", "the name has " + name.length() + " characters");
            text(at, name);
            List<String> values = e.getValue();
            if (values == null) throw new InvalidRequestException(at, "a list of strings", "must be a list of strings, was null");
            if (values.size() > limits.maxValuesPerAttribute())
                throw new InvalidRequestException(at, "at most " + limits.maxValuesPerAttribute() + " values", "has " + values.size() + " values, the limit is " + limits.maxValuesPerAttribute());
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                String vf = at + "[" + i + "]";
                if (v == null) throw new InvalidRequestException(vf, "a string", "must not be null");
                if (v.length() > limits.maxValueLength())
                    throw new InvalidRequestException(vf, "at most " + limits.maxValueLength() + " characters", "has " + v.length() + " characters, the limit is " + limits.maxValueLength());
                text(vf, v);
            }
        }
        return new Attributes(attributes);
    }
}
