package dev.metarec.adapter.dynamodb;

import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of a DynamoDB table export to S3 ({@code ExportTableToPointInTime}, format DYNAMODB_JSON):
 * each line of a data file is {@code {"Item":{"name":{"S":"..."},...}}}, attribute values in DynamoDB's
 * typed JSON. Parses a line into the attribute map the SDK would have returned, and maps it to the domain
 * record with the same code the table adapters use, so an exported event is read exactly as a scanned one.
 * Every failure is an {@link IllegalArgumentException} that says what is wrong with the line (callers add
 * the file and line number).
 */
public final class DynamoDbExportRecords {
    private static final JsonNodeParser PARSER = JsonNode.parser();

    private DynamoDbExportRecords() {}

    /** The item of one export line. */
    public static Map<String, AttributeValue> item(String line) {
        JsonNode root;
        try {
            root = PARSER.parse(line);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (!root.isObject() || root.field("Item").isEmpty() || !root.field("Item").get().isObject())
            throw new IllegalArgumentException("not a DynamoDB export record: no \"Item\" object");
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        root.field("Item").get().asObject().forEach((name, value) -> out.put(name, value(name, value)));
        return out;
    }

    /** An events-table record. */
    public static Event event(Map<String, AttributeValue> item) { return DynamoDbEventStore.toEvent(item); }

    /** An items-table record. */
    public static Item catalogueItem(Map<String, AttributeValue> item) { return DynamoDbCatalogStore.toItem(item); }

    /** A profiles-table record. */
    public static UserProfile profile(Map<String, AttributeValue> item) { return DynamoDbUserProfileStore.toProfile(item); }

    private static AttributeValue value(String name, JsonNode typed) {
        if (!typed.isObject() || typed.asObject().size() != 1)
            throw new IllegalArgumentException("attribute '" + name + "' is not a typed value like {\"S\":\"...\"}");
        Map.Entry<String, JsonNode> e = typed.asObject().entrySet().iterator().next();
        JsonNode v = e.getValue();
        return switch (e.getKey()) {
            case "S" -> AttributeValue.fromS(text(name, v));
            case "N" -> AttributeValue.fromN(number(name, text(name, v)));
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(text(name, v))));
            case "BOOL" -> {
                if (!v.isBoolean()) throw new IllegalArgumentException("attribute '" + name + "': BOOL is not true or false");
                yield AttributeValue.fromBool(v.asBoolean());
            }
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> {
                if (!v.isObject()) throw new IllegalArgumentException("attribute '" + name + "': M is not an object");
                Map<String, AttributeValue> m = new LinkedHashMap<>();
                v.asObject().forEach((k, x) -> m.put(k, value(name + "." + k, x)));
                yield AttributeValue.fromM(m);
            }
            case "L" -> {
                List<AttributeValue> l = new ArrayList<>();
                for (JsonNode x : array(name, v)) l.add(value(name + "[]", x));
                yield AttributeValue.fromL(l);
            }
            case "SS" -> AttributeValue.fromSs(array(name, v).stream().map(x -> text(name, x)).toList());
            case "NS" -> AttributeValue.fromNs(array(name, v).stream().map(x -> number(name, text(name, x))).toList());
            case "BS" -> AttributeValue.fromBs(array(name, v).stream()
                    .map(x -> SdkBytes.fromByteArray(Base64.getDecoder().decode(text(name, x)))).toList());
            default -> throw new IllegalArgumentException("attribute '" + name + "' has unknown DynamoDB type '" + e.getKey() + "'");
        };
    }

    private static String text(String name, JsonNode v) {
        if (!v.isString()) throw new IllegalArgumentException("attribute '" + name + "' holds " + v + " where a string was expected");
        return v.asString();
    }

    private static String number(String name, String n) {
        try {
            new java.math.BigDecimal(n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attribute '" + name + "': '" + n + "' is not a number");
        }
    }

    private static List<JsonNode> array(String name, JsonNode v) {
        if (!v.isArray()) throw new IllegalArgumentException("attribute '" + name + "' is not a JSON array");
        return v.asArray();
    }
}
