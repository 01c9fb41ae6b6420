package dev.metarec.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the IAM grants of a synthesised template as readable strings {@code "<action> on <resource>"},
 * with resources named by what they are ({@code table:events}, {@code table:events/index/byTime},
 * {@code bucket/checkpoints/*}, {@code logs:ingest}, {@code queue:meta-train-dlq}; with the Spark trainer
 * {@code emr-app}, {@code role:spark-job} and {@code state-machine}).
 */
final class PolicyGrants {

    private final Synth.Result synth;
    private final Map<String, String> names = new HashMap<>();

    PolicyGrants(Synth.Result synth) {
        this.synth = synth;
        MetarecStack stack = synth.stack();
        for (DataTable table : DataTable.values()) {
            names.put(synth.logicalId(stack.stores().table(table)), "table:" + table.logicalName());
        }
        names.put(synth.logicalId(stack.stores().bucket()), "bucket");
        names.put(synth.logicalId(stack.metaTrainDeadLetters()), "queue:meta-train-dlq");
        for (FunctionSpec spec : FunctionSpec.defaults()) {
            names.put(synth.logicalId(stack.functions().logGroup(spec.name())), "logs:" + spec.name());
        }
        stack.sparkTrainer().ifPresent(spark -> {
            names.put(stack.getLogicalId(spark.application()), "emr-app");
            names.put(synth.logicalId(spark.jobRole()), "role:spark-job");
            names.put(synth.logicalId(spark.stateMachine()), "state-machine");
        });
    }

    /** Every Allow grant of the role of the given function, from its inline and attached policies. */
    Set<String> ofFunction(String function) {
        return ofRole(synth.logicalId(synth.stack().functions().role(function)));
    }

    /** Every Allow grant of the role with this logical id, from its inline and attached policies. */
    Set<String> ofRole(String role) {
        Set<String> grants = new TreeSet<>();
        for (String policy : synth.ofType("AWS::IAM::Policy")) {
            Map<String, Object> props = synth.properties(policy);
            if (((List<?>) props.get("Roles")).contains(Map.of("Ref", role))) {
                grants.addAll(grants((Map<?, ?>) props.get("PolicyDocument")));
            }
        }
        Object inline = synth.properties(role).get("Policies");
        if (inline instanceof List<?> policies) {
            for (Object policy : policies) {
                grants.addAll(grants((Map<?, ?>) ((Map<?, ?>) policy).get("PolicyDocument")));
            }
        }
        return grants;
    }

    private Set<String> grants(Map<?, ?> document) {
        Set<String> grants = new TreeSet<>();
        for (Object s : (List<?>) document.get("Statement")) {
            Map<?, ?> statement = (Map<?, ?>) s;
            if (!"Allow".equals(statement.get("Effect"))) {
                continue;
            }
            for (Object action : list(statement.get("Action"))) {
                for (Object resource : list(statement.get("Resource"))) {
                    grants.add(action + " on " + name(resource));
                }
            }
        }
        return grants;
    }

    /** A resource expression as a readable name; unknown references keep their logical id. */
    String name(Object resource) {
        if (resource instanceof String literal) {
            return literal;
        }
        Map<?, ?> expression = (Map<?, ?>) resource;
        if (expression.containsKey("Fn::GetAtt")) {
            String id = (String) ((List<?>) expression.get("Fn::GetAtt")).get(0);
            return names.getOrDefault(id, id);
        }
        if (expression.containsKey("Fn::Sub")) {
            return String.valueOf(expression.get("Fn::Sub"));
        }
        if (expression.containsKey("Ref")) {
            String id = (String) expression.get("Ref");
            return names.getOrDefault(id, id);
        }
        if (expression.containsKey("Fn::Join")) {
            List<?> join = (List<?>) expression.get("Fn::Join");
            StringBuilder joined = new StringBuilder();
            for (Object part : (List<?>) join.get(1)) {
                if (joined.length() > 0) {
                    joined.append(join.get(0));
                }
                joined.append(name(part));
            }
            return joined.toString();
        }
        return expression.toString();
    }

    private static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? l : List.of(value);
    }

    /** The cross product of space-separated actions and resources, e.g. for expected grants. */
    static List<String> each(String actions, String resources) {
        List<String> grants = new ArrayList<>();
        for (String action : actions.split(" ")) {
            for (String resource : resources.split(" ")) {
                grants.add(action + " on " + resource);
            }
        }
        return grants;
    }
}
