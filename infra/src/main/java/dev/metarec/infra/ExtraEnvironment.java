package dev.metarec.infra;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Additional environment variables for every function, from context keys {@code env:<NAME>}, e.g.
 * {@code -c env:METAREC_SERVING_STATS_REFRESH=PT30S} or {@code -c env:METAREC_TRAINING_BUDGET=PT10M}:
 * tuning without a code change. Only {@code METAREC_*} and {@code QUARKUS_*} names are accepted, and none
 * of the variables the stack manages itself (tables, bucket, endpoints, store, authorization), so a
 * typo cannot point a function at another table or turn authorization off.
 */
public final class ExtraEnvironment {

    /** Context key prefix. */
    public static final String PREFIX = "env:";

    private static final Pattern NAME = Pattern.compile("(METAREC|QUARKUS)_[A-Z0-9_]+");
    private static final List<String> MANAGED_PREFIXES = List.of(
            "METAREC_DYNAMODB_", "METAREC_S3_", "METAREC_AUTH_", "METAREC_STORE", "METAREC_FUNCTION",
            "METAREC_AWS_", "QUARKUS_LAMBDA_", "QUARKUS_PROFILE");

    private ExtraEnvironment() {
    }

    /** The {@code env:} entries of a context map, validated. */
    public static Map<String, String> fromContext(Object allContext) {
        Map<String, String> env = new TreeMap<>();
        if (allContext instanceof Map<?, ?> context) {
            context.forEach((key, value) -> {
                String k = String.valueOf(key);
                if (k.startsWith(PREFIX)) {
                    env.put(validName(k.substring(PREFIX.length())), String.valueOf(value));
                }
            });
        }
        return Collections.unmodifiableMap(env);
    }

    /** Returns the name if it may be set by context, else fails naming the rule it breaks. */
    static String validName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("context '" + PREFIX + name + "': only METAREC_* and QUARKUS_* "
                    + "variables in upper case with digits and underscores may be set");
        }
        for (String managed : MANAGED_PREFIXES) {
            if (name.startsWith(managed)) {
                throw new IllegalArgumentException("context '" + PREFIX + name + "': " + managed
                        + "* is managed by the stack and cannot be overridden");
            }
        }
        return name;
    }
}
