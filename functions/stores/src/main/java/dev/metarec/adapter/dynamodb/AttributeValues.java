package dev.metarec.adapter.dynamodb;

import dev.metarec.model.Attributes;
import dev.metarec.port.StoreException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mapping between domain values and DynamoDB attribute values, in one place for every table. */
final class AttributeValues {
    private AttributeValues() {}

    static AttributeValue s(String value) { return AttributeValue.fromS(value); }

    static AttributeValue n(long value) { return AttributeValue.fromN(Long.toString(value)); }

    /** A finite double as a DynamoDB number; DynamoDB has no NaN or infinity, so those are refused here. */
    static AttributeValue n(double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("a stored number must be finite, was " + value);
        return AttributeValue.fromN(Double.toString(value));
    }

    /** Attributes as a map of name to an ordered list of strings (lists keep order; string sets would not). */
    static AttributeValue attributes(Attributes attributes) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        attributes.values().forEach((name, values) ->
                m.put(name, AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList())));
        return AttributeValue.fromM(m);
    }

    static Attributes attributes(AttributeValue value) {
        if (value == null || !value.hasM()) return Attributes.EMPTY;
        Map<String, List<String>> m = new LinkedHashMap<>();
        value.m().forEach((name, list) -> m.put(name, list.l().stream().map(AttributeValue::s).toList()));
        return new Attributes(m);
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.s() == null) throw new StoreException("stored record lacks string attribute '" + name + "'");
        return v.s();
    }

    static long longValue(Map<String, AttributeValue> item, String name, long missing) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? missing : Long.parseLong(v.n());
    }

    static double doubleValue(Map<String, AttributeValue> item, String name, double missing) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? missing : Double.parseDouble(v.n());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(v.n()));
    }

    /** The TTL attribute {@code expiresAt}: epoch seconds at which DynamoDB may delete the item. */
    static AttributeValue expiresAt(Instant when) { return n(when.getEpochSecond()); }
}
