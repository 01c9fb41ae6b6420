package dev.metarec.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds wildcard grants anywhere in a template: every policy document (role policies, bucket, queue,
 * topic and key policies, trust policies) is walked, and each {@code Allow} statement must name its
 * actions without {@code *}, must not use NotAction/NotResource, must not allow the public principal,
 * and may use {@code *} in a resource only as the trailing wildcard of
 * <ul>
 *   <li>one of the data model's S3 prefixes ({@code checkpoints/*}, {@code training/*}, {@code event-log/*},
 *       {@code exports/*});</li>
 *   <li>the exports of a DynamoDB table of this template ({@code <table ARN>/export/*}: DescribeExport of an
 *       export whose id only exists once it has started);</li>
 *   <li>the job runs of an EMR Serverless application of this template ({@code <application ARN>/jobruns/*}:
 *       what Step Functions' {@code startJobRun.sync} polls and cancels).</li>
 * </ul>
 * Deny statements (TLS-only guards) may be broad: they take access away.
 */
final class WildcardPolicies {

    private static final Pattern ALLOWED_RESOURCE_WILDCARD = Pattern.compile(".*/(checkpoints|training|event-log|exports|erasures)/\\*");
    /** {@code <GetAtt of a resource>/<child>/*}: group 1 the logical id, group 2 the child collection. */
    private static final Pattern CHILD_WILDCARD = Pattern.compile("\\$\\{\\{Fn::GetAtt=\\[(\\w+), Arn]}}/(export|jobruns)/\\*");
    /** The resource type whose children each child collection names. */
    private static final Map<String, String> CHILD_PARENTS = Map.of(
            "export", "AWS::DynamoDB::Table", "jobruns", "AWS::EMRServerless::Application");

    private WildcardPolicies() {
    }

    /** Violations as {@code "<path>: <why>"}; empty when the template grants nothing with a wildcard. */
    static List<String> violations(Map<String, Object> template) {
        List<String> violations = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        if (template.get("Resources") instanceof Map<?, ?> resources) {
            resources.forEach((id, resource) -> types.put((String) id, String.valueOf(((Map<?, ?>) resource).get("Type"))));
        }
        walk(template, "", types, violations);
        return violations;
    }

    private static void walk(Object node, String path, Map<String, String> types, List<String> violations) {
        if (node instanceof Map<?, ?> map) {
            Object statements = map.get("Statement");
            if (statements instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    check((Map<?, ?>) list.get(i), path + "/Statement[" + i + "]", types, violations);
                }
            }
            map.forEach((key, value) -> walk(value, path + "/" + key, types, violations));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", types, violations);
            }
        }
    }

    private static boolean allowedWildcard(String resource, Map<String, String> types) {
        if (resource.indexOf('*') != resource.length() - 1) {
            return false; // a "*" before the trailing one: a bucket, table or application of any name
        }
        if (ALLOWED_RESOURCE_WILDCARD.matcher(resource).matches()) {
            return true;
        }
        Matcher child = CHILD_WILDCARD.matcher(resource);
        return child.matches() && CHILD_PARENTS.get(child.group(2)).equals(types.get(child.group(1)));
    }

    private static void check(Map<?, ?> statement, String path, Map<String, String> types, List<String> violations) {
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
            if (text.contains("*") && !allowedWildcard(text, types)) {
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
