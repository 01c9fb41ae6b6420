package dev.metarec.eval.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One record of a generic CSV or JSONL file: column to values (several values for a multi-valued
 * attribute: {@code a|b} in CSV, a JSON array in JSONL), with its file and line for error messages.
 */
final class Row {
    private final Path file;
    private final long line;
    private final Map<String, List<String>> values;

    Row(Path file, long line, Map<String, List<String>> values) {
        this.file = file;
        this.line = line;
        this.values = values;
    }

    long line() { return line; }

    boolean has(String column) {
        List<String> v = values.get(column);
        return v != null && !v.isEmpty() && !(v.size() == 1 && v.get(0).isBlank());
    }

    String value(String column) { return String.join("|", values.get(column)); }

    String required(String column) {
        if (!has(column)) throw error("missing required field " + column);
        return value(column).trim();
    }

    /** Every column except the named ones, as attributes; empty values are dropped. */
    Map<String, List<String>> attributes(String... except) {
        Set<String> skip = Set.of(except);
        Map<String, List<String>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (skip.contains(k)) return;
            List<String> kept = v.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (!kept.isEmpty()) out.put(k, kept);
        });
        return out;
    }

    DataFormatException error(String problem) { return new DataFormatException(file, line, problem); }

    static List<Row> readCsv(Path file) {
        List<Row> rows = new ArrayList<>();
        String[][] header = new String[1][];
        TextFile.forEachLine(file, GenericDataset.CHARSET, (text, n) -> {
            List<String> f = Csv.split(text);
            if (header[0] == null) { header[0] = f.stream().map(String::trim).toArray(String[]::new); return; }
            if (f.size() != header[0].length)
                throw new IllegalArgumentException("expected " + header[0].length + " fields " + Arrays.toString(header[0]) + ", got " + f.size());
            Map<String, List<String>> m = new LinkedHashMap<>();
            for (int k = 0; k < f.size(); k++) m.put(header[0][k], f.get(k).isEmpty() ? List.of() : List.of(f.get(k).split("\\|", -1)));
            rows.add(new Row(file, n, m));
        });
        return rows;
    }

    static List<Row> readJsonl(Path file) {
        List<Row> rows = new ArrayList<>();
        TextFile.forEachLine(file, GenericDataset.CHARSET, (text, n) -> {
            if (!(Json.parse(text) instanceof Map<?, ?> obj)) throw new IllegalArgumentException("each line must be a JSON object");
            Map<String, List<String>> m = new LinkedHashMap<>();
            obj.forEach((k, v) -> {
                if (k.equals("attributes") && v instanceof Map<?, ?> attrs) attrs.forEach((ak, av) -> m.put((String) ak, strings((String) ak, av)));
                else m.put((String) k, strings((String) k, v));
            });
            rows.add(new Row(file, n, m));
        });
        return rows;
    }

    private static List<String> strings(String key, Object v) {
        if (v == null) return List.of();
        if (v instanceof List<?> l) return l.stream().map(x -> scalar(key, x)).toList();
        return List.of(scalar(key, v));
    }

    private static String scalar(String key, Object v) {
        if (v instanceof Double d) return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.valueOf(d);
        if (v instanceof String || v instanceof Boolean) return String.valueOf(v);
        throw new IllegalArgumentException("field " + key + " must be a string, number, boolean or array of them, was " + v);
    }
}
