package dev.metarec.eval.report;

import dev.metarec.eval.metrics.Summary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/** Every number of a run, plus summaries over seeds. Thread-confined (the runner adds, the report reads). */
public final class Results {

    /** The identity of a number apart from its seed. */
    public record Key(String protocol, String variant, String scenario, String method, int steps, String metric) {}

    /** Named series for plots, e.g. learning curves: x values and y values. */
    public record Series(String plot, String name, double[] x, double[] y) {}

    private final List<ResultRow> rows = new ArrayList<>();
    private final List<Series> series = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final Map<Key, Map<String, double[]>> users = new LinkedHashMap<>();

    public void add(ResultRow row) {
        if (!Double.isFinite(row.value())) throw new IllegalArgumentException("non-finite result " + row);
        rows.add(row);
    }

    public void addSeries(Series s) { series.add(s); }

    /** One user's value of a per-user metric in one seed; {@link #userMeans} averages each user's values over seeds. */
    public void addUser(Key key, String user, double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("non-finite value " + value + " of user " + user + " for " + key);
        double[] a = users.computeIfAbsent(key, x -> new LinkedHashMap<>()).computeIfAbsent(user, x -> new double[2]);
        a[0] += value;
        a[1]++;
    }

    /** The keys that have per-user values, in first-added order. */
    public List<Key> userKeys() { return List.copyOf(users.keySet()); }

    /** Each user's mean over seeds of {@code key}'s metric; empty when no per-user values were added for it. */
    public Map<String, Double> userMeans(Key key) {
        Map<String, Double> out = new LinkedHashMap<>();
        users.getOrDefault(key, Map.of()).forEach((u, a) -> out.put(u, a[0] / a[1]));
        return out;
    }

    public void note(String key, String value) { notes.put(key, value); }

    public List<ResultRow> rows() { return Collections.unmodifiableList(rows); }

    public List<Series> series() { return Collections.unmodifiableList(series); }

    public Map<String, String> notes() { return Collections.unmodifiableMap(notes); }

    /** Summaries over seeds, in first-seen order of their keys. */
    public Map<Key, Summary> summaries(Predicate<Key> filter) {
        Map<Key, List<Double>> byKey = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            Key k = new Key(r.protocol(), r.variant(), r.scenario(), r.method(), r.steps(), r.metric());
            if (filter.test(k)) byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(r.value());
        }
        Map<Key, Summary> out = new LinkedHashMap<>();
        byKey.forEach((k, v) -> out.put(k, Summary.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return out;
    }

    public Summary summary(Key key) {
        Summary s = summaries(k -> k.equals(key)).get(key);
        return Objects.requireNonNull(s, () -> "no results for " + key);
    }

    /**
     * The step count reported as "k" for an adapting method: its sweep is 0, 1, 2, k, 2k, so k is the
     * second-largest; a method evaluated at one step count returns that count.
     */
    public int kSteps(String method) {
        List<Integer> steps = rows.stream().filter(x -> x.method().equals(method)).map(ResultRow::steps).distinct().sorted().toList();
        if (steps.isEmpty()) throw new IllegalArgumentException("no results for method " + method);
        return steps.size() >= 2 ? steps.get(steps.size() - 2) : steps.get(0);
    }

    public List<String> distinct(java.util.function.Function<ResultRow, String> f) {
        return rows.stream().map(f).distinct().toList();
    }
}
