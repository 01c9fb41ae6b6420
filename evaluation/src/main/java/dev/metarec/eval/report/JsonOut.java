package dev.metarec.eval.report;

import java.util.Locale;

/** Serialises {@link Results} as JSON (hand-written: the evaluation needs no JSON library). */
final class JsonOut {
    private JsonOut() {}

    static String results(Results r) {
        StringBuilder b = new StringBuilder("{\n  \"rows\": [\n");
        for (int i = 0; i < r.rows().size(); i++) {
            ResultRow x = r.rows().get(i);
            b.append("    {\"protocol\": ").append(str(x.protocol())).append(", \"variant\": ").append(str(x.variant()))
                    .append(", \"scenario\": ").append(str(x.scenario())).append(", \"method\": ").append(str(x.method()))
                    .append(", \"steps\": ").append(x.steps()).append(", \"metric\": ").append(str(x.metric()))
                    .append(", \"seed\": ").append(x.seed()).append(", \"value\": ").append(num(x.value())).append('}')
                    .append(i + 1 < r.rows().size() ? ",\n" : "\n");
        }
        b.append("  ],\n  \"summaries\": [\n");
        var sums = r.summaries(k -> true).entrySet().stream().toList();
        for (int i = 0; i < sums.size(); i++) {
            var k = sums.get(i).getKey();
            var s = sums.get(i).getValue();
            b.append("    {\"protocol\": ").append(str(k.protocol())).append(", \"variant\": ").append(str(k.variant()))
                    .append(", \"scenario\": ").append(str(k.scenario())).append(", \"method\": ").append(str(k.method()))
                    .append(", \"steps\": ").append(k.steps()).append(", \"metric\": ").append(str(k.metric()))
                    .append(", \"seeds\": ").append(s.n()).append(", \"mean\": ").append(num(s.mean()))
                    .append(", \"ci95HalfWidth\": ").append(num(s.halfWidth())).append('}').append(i + 1 < sums.size() ? ",\n" : "\n");
        }
        b.append("  ],\n  \"series\": [\n");
        for (int i = 0; i < r.series().size(); i++) {
            Results.Series s = r.series().get(i);
            b.append("    {\"plot\": ").append(str(s.plot())).append(", \"name\": ").append(str(s.name())).append(", \"x\": ").append(arr(s.x()))
                    .append(", \"y\": ").append(arr(s.y())).append('}').append(i + 1 < r.series().size() ? ",\n" : "\n");
        }
        b.append("  ],\n  \"notes\": {");
        var notes = r.notes().entrySet().stream().toList();
        for (int i = 0; i < notes.size(); i++)
            b.append(i == 0 ? "\n" : ",\n").append("    ").append(str(notes.get(i).getKey())).append(": ").append(str(notes.get(i).getValue()));
        b.append(notes.isEmpty() ? "}\n}\n" : "\n  }\n}\n");
        return b.toString();
    }

    private static String arr(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ", ").append(num(v[i]));
        return b.append(']').toString();
    }

    private static String num(double v) { return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null"; }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> { if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c); }
            }
        }
        return b.append('"').toString();
    }
}
