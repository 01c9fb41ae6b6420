package dev.metarec.functions.http;

import java.util.Collection;
import java.util.Map;

/** What a JSON value of a Java type looks like, in the words a client reads: "an integer", "a string", never a class name. */
final class JsonTypes {
    private JsonTypes() {}

    static String describe(Class<?> type) {
        if (type == String.class || CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) return "a string";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class
                || type == short.class || type == java.math.BigInteger.class) return "an integer";
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type.isArray() || Collection.class.isAssignableFrom(type)) return "an array";
        if (com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(type)) return "a JSON value";
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) return "an object";
        return "a JSON value of the documented type";
    }
}
