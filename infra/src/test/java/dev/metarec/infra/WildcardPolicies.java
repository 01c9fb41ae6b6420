package dev.metarec.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds wildcard grants anywhere in a template: every policy document (role policies, bucket, queue,
 * topic and key policies, trust policies) is walked, and each {@code Allow} statement must name its
 * actions without {@code *}, must not use NotAction/NotResource, must not allow the public principal,
 * and may use {@code *} in a resource only as the trailing key wildcard of one of the data model's S3
 * prefixes ({@code checkpoints/*}, {@code training/*}, {@code event-log/*}). Deny statements (TLS-only
 * guards) may be broad: they take access away.
 */
final class WildcardPolicies {

    private static final Pattern ALLOWED_RESOURCE_WILDCARD = Pattern.compile(".*/(checkpoints|training|event-log|erasures)/\\*");

    private WildcardPolicies() {
    }

    /** Violations as {@code "<path>: <why>"}; empty when the template grants nothing with a wildcard. */
    static List<String> violations(Map<String, Object> template) {
        List<String> violations = new ArrayList<>();
        walk(template, "", violations);
        return violations;
    }

    private static void walk(Object node, String path, List<String> violations) {
        if (node instanceof Map<?, ?> map) {
            Object statements = map.get("Statement");
            if (statements instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    check((Map<?, ?>) list.get(i), path + "/Statement[" + i + "]", violations);
                }
            }
            map.forEach((key, value) -> walk(value, path + "/" + key, violations));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    private static void check(Map<?, ?> statement, String path, List<String> violations) {
        if (!"Allow".equals(statement.get("Effect"))) {
            return;
        }
        for (String negation : List.of("NotAction", "NotResource", "NotPrincipal")) {
            if (statement.containsKey(negation)) {
                violations.add(path + ": Allow with " + negation + " grants everything else");
            }
        }
        for (Object action : asList(statement.get("Action"))) {
            if (String.valueOf(action).contains("*")) {
                violations.add(path + ": wildcard action " + action);
            }
        }
        for (Object resource : asList(statement.get("Resource"))) {
            String text = flatten(resource);
            if (text.contains("*") && (text.equals("*") || !ALLOWED_RESOURCE_WILDCARD.matcher(text).matches())) {
                violations.add(path + ": wildcard resource " + text);
            }
        }
        Object principal = statement.get("Principal");
        if ("*".equals(principal) || (principal instanceof Map<?, ?> p && "*".equals(p.get("AWS")))) {
            violations.add(path + ": allows any principal");
        }
    }

    /** Literal text of a resource expression, references shown as {@code ${...}}. */
    static String flatten(Object expression) {
        if (expression instanceof String literal) {
            return literal;
        }
        if (expression instanceof Map<?, ?> map && map.containsKey("Fn::Join")) {
            List<?> join = (List<?>) map.get("Fn::Join");
            StringBuilder text = new StringBuilder();
            List<?> parts = (List<?>) join.get(1);
            for (int i = 0; i < parts.size(); i++) {
                text.append(i == 0 ? "" : join.get(0)).append(flatten(parts.get(i)));
            }
            return text.toString();
        }
        return "${" + expression + "}";
    }

    private static List<?> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list : List.of(value);
    }
}
