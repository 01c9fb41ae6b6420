package dev.metarec.it.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Generates a corpus of malformed requests from one valid request per route: every field removed (when
 * required), nulled, given the wrong type, emptied, made huge, filled with odd Unicode, or given a
 * negative / NaN / infinite / overflowing number; arrays emptied or made one past their limit; the body
 * nested deeply, given duplicate keys, truncated, or sent as the wrong content type. Deterministic under
 * a seed. Run {@link #main} to print the corpus (one JSON-lines record per request).
 */
public final class MalformedRequests {

    /** A route's valid template and what the server promises about it. */
    public record Route(String name, String path, Map<String, Object> valid, Set<String> optional,
                        Set<String> nonNegative, Map<String, Integer> arrayLimits, int stringLimit, Set<String> epochOrText) {}

    /** One malformed request. */
    public record Case(String route, String path, String description, String contentType, String body) {}

    private static final String JSON = "application/json";

    private MalformedRequests() {}

    public static List<Case> corpus(List<Route> routes, int minimum, long seed) {
        List<Case> cases = new ArrayList<>();
        Set<String> seen = new HashSet<>();   // route, content type and body: no request is sent twice
        for (Route route : routes) for (Case c : forRoute(route)) if (seen.add(key(c))) cases.add(c);
        Random random = new Random(seed);
        List<Case> singles = List.copyOf(cases);
        // Pairs of two single-field defects until the corpus reaches the requested size.
        for (int i = 0; cases.size() < minimum && i < minimum * 4; i++) {
            Route route = routes.get(random.nextInt(routes.size()));
            List<Mutation> mutations = fieldMutations(route);
            Mutation a = mutations.get(random.nextInt(mutations.size()));
            Mutation b = mutations.get(random.nextInt(mutations.size()));
            if (a.path.startsWith(b.path) || b.path.startsWith(a.path)) continue; // one would replace the other's parent
            Object body = b.apply(a.apply(deepCopy(route.valid())));
            Case c = new Case(route.name(), route.path(), a.description + " + " + b.description, JSON, Json.write(body));
            if (seen.add(key(c))) cases.add(c);
        }
        if (cases.size() < minimum) throw new IllegalStateException("only " + cases.size() + " cases from " + singles.size());
        return cases;
    }

    private static String key(Case c) { return c.path() + "\n" + c.contentType() + "\n" + c.body(); }

    /** The distinct single defects the corpus is built from (each case holds one, or a pair of field defects). */
    public static long distinctDefects(List<Case> corpus) {
        return corpus.stream().flatMap(c -> java.util.Arrays.stream(c.description().split(" \\+ ")).map(d -> c.route() + ": " + d))
                .distinct().count();
    }

    static List<Case> forRoute(Route route) {
        List<Case> cases = new ArrayList<>();
        for (Mutation m : fieldMutations(route)) {
            cases.add(new Case(route.name(), route.path(), m.description, JSON, Json.write(m.apply(deepCopy(route.valid())))));
        }
        String valid = Json.write(route.valid());
        cases.add(raw(route, "empty body", ""));
        cases.add(raw(route, "body is null", "null"));
        cases.add(raw(route, "body is an array", "[" + valid + "]"));
        cases.add(raw(route, "body is a string", "\"" + route.name() + "\""));
        cases.add(raw(route, "body is a number", "42"));
        cases.add(raw(route, "truncated body", valid.substring(0, valid.length() / 2)));
        cases.add(raw(route, "trailing garbage", valid + "}}"));
        cases.add(raw(route, "trailing comma", valid.substring(0, valid.length() - 1) + ",}"));
        cases.add(raw(route, "single quotes", valid.replace('"', '\'')));
        cases.add(raw(route, "deep nesting 5000", "[".repeat(5000) + "]".repeat(5000)));
        cases.add(raw(route, "deep object nesting 2000", "{\"a\":".repeat(2000) + "1" + "}".repeat(2000)));
        cases.add(new Case(route.name(), route.path(), "wrong content type text/plain", "text/plain", valid));
        cases.add(new Case(route.name(), route.path(), "wrong content type xml", "application/xml", "<request/>"));
        cases.add(raw(route, "only an unknown field", "{\"unexpected\":1}"));
        for (String key : route.valid().keySet()) {
            List<Map.Entry<String, Object>> entries = new ArrayList<>();
            route.valid().forEach((k, v) -> entries.add(Map.entry(k, v)));
            entries.add(Map.entry(key, route.valid().get(key) instanceof String ? "other-value" : new Json.Raw("{}")));
            cases.add(new Case(route.name(), route.path(), "duplicate key " + key, JSON, Json.write(new Json.DuplicateKeys(entries))));
        }
        return cases;
    }

    private static Case raw(Route route, String description, String body) {
        return new Case(route.name(), route.path(), description, JSON, body);
    }

    /** A change at one path of the template. */
    private record Mutation(String path, String description, UnaryOperator<Object> change) {
        Object apply(Object body) { return Paths.replace(body, path, change); }
    }

    private static List<Mutation> fieldMutations(Route route) {
        List<Mutation> out = new ArrayList<>();
        Paths.walk(route.valid(), "", (path, value) -> {
            if (!route.optional().contains(path)) out.add(new Mutation(path, "missing " + path, v -> Paths.REMOVE));
            if (!route.optional().contains(path)) out.add(new Mutation(path, path + " null", v -> null)); // null = absent when optional
            switch (value) {
                case String s -> stringMutations(route, path, out);
                case Number n -> numberMutations(route, path, out);
                case List<?> l -> listMutations(route, path, l, out);
                case Map<?, ?> m -> {
                    out.add(new Mutation(path, path + " as a string", v -> "not-an-object"));
                    out.add(new Mutation(path, path + " as an array", v -> List.of(1, 2)));
                    out.add(new Mutation(path, path + " nested 3000 deep", v -> new Json.Raw("{\"x\":".repeat(3000) + "1" + "}".repeat(3000))));
                }
                default -> out.add(new Mutation(path, path + " as an object", v -> Map.of("x", 1)));
            }
        });
        return out;
    }

    private static void stringMutations(Route route, String path, List<Mutation> out) {
        if (route.epochOrText().contains(path)) { // a time: epoch milliseconds are valid, before 1970 is not
            out.add(new Mutation(path, path + " negative epoch", v -> -86_400_000L));
            out.add(new Mutation(path, path + " fractional epoch", v -> 1.5));
        } else {
            out.add(new Mutation(path, path + " as a number", v -> 12345));
        }
        out.add(new Mutation(path, path + " as a boolean", v -> true));
        out.add(new Mutation(path, path + " as an object", v -> Map.of("id", "x")));
        out.add(new Mutation(path, path + " as an array", v -> List.of("x")));
        out.add(new Mutation(path, path + " empty", v -> ""));
        out.add(new Mutation(path, path + " one past the limit", v -> "x".repeat(route.stringLimit() + 1)));
        out.add(new Mutation(path, path + " huge (1 MB)", v -> "y".repeat(1 << 20)));
        out.add(new Mutation(path, path + " with NUL", v -> v + "\u0000"));
        out.add(new Mutation(path, path + " with a lone surrogate", v -> v + "\ud800"));
        out.add(new Mutation(path, path + " with a newline", v -> v + "\nx"));
        out.add(new Mutation(path, path + " with an escape character", v -> v + "\u001b[31m"));
    }

    private static void numberMutations(Route route, String path, List<Mutation> out) {
        out.add(new Mutation(path, path + " NaN token", v -> new Json.Raw("NaN")));
        out.add(new Mutation(path, path + " Infinity token", v -> new Json.Raw("Infinity")));
        out.add(new Mutation(path, path + " -Infinity token", v -> new Json.Raw("-Infinity")));
        out.add(new Mutation(path, path + " overflowing 1e999", v -> new Json.Raw("1e999")));
        out.add(new Mutation(path, path + " \"NaN\" string", v -> "NaN"));
        out.add(new Mutation(path, path + " as text", v -> "twelve"));
        out.add(new Mutation(path, path + " as an object", v -> Map.of("n", 1)));
        out.add(new Mutation(path, path + " as an array", v -> List.of(1)));
        if (route.nonNegative().contains(path)) {
            out.add(new Mutation(path, path + " negative", v -> -1));
            out.add(new Mutation(path, path + " very negative", v -> -1e300));
        }
    }

    private static void listMutations(Route route, String path, List<?> list, List<Mutation> out) {
        out.add(new Mutation(path, path + " as an object", v -> Map.of("x", 1)));
        out.add(new Mutation(path, path + " as a string", v -> "[]"));
        Integer limit = route.arrayLimits().get(path);
        if (limit != null && !list.isEmpty()) {
            out.add(new Mutation(path, path + " one past the limit of " + limit, v -> {
                List<Object> big = new ArrayList<>();
                for (int i = 0; i <= limit; i++) big.add(Paths.uniquify(deepCopy(list.get(0)), i));
                return big;
            }));
        }
        if (!list.isEmpty()) out.add(new Mutation(path, path + " with a null element", v -> {
            List<Object> withNull = new ArrayList<>((List<?>) v);
            withNull.add(null);
            return withNull;
        }));
    }

    @SuppressWarnings("unchecked")
    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }

    /** Prints the corpus for the default routes as JSON lines: route, description, content type, body length. */
    public static void main(String[] args) {
        for (Case c : corpus(MetarecRoutes.all(), 1000, 42)) {
            System.out.println(Json.write(Map.of("route", c.route(), "case", c.description(), "contentType", c.contentType(),
                    "bytes", c.body().length())));
        }
    }
}
