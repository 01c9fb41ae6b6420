package dev.metarec.it.fuzz;

import java.util.List;
import java.util.Map;

/**
 * A tiny JSON writer that can also write what a strict writer refuses (raw tokens such as {@code NaN},
 * duplicate keys), so the fuzz corpus can hold exactly the malformed bytes it means to send.
 */
final class Json {
    private Json() {}

    /** A token written verbatim (e.g. {@code NaN}, {@code 1e999}, a deep nest, a truncated fragment). */
    record Raw(String json) {}

    /** An object whose keys may repeat (written in order). */
    record DuplicateKeys(List<Map.Entry<String, Object>> entries) {}

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case Raw raw -> out.append(raw.json());
            case String s -> string(s, out);
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            case Map<?, ?> m -> {
                out.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    string(String.valueOf(e.getKey()), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            }
            case DuplicateKeys d -> {
                out.append('{');
                for (int i = 0; i < d.entries().size(); i++) {
                    if (i > 0) out.append(',');
                    string(d.entries().get(i).getKey(), out);
                    out.append(':');
                    write(d.entries().get(i).getValue(), out);
                }
                out.append('}');
            }
            case List<?> l -> {
                out.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) out.append(',');
                    write(l.get(i), out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("cannot write " + value.getClass());
        }
    }

    /** Escapes as JSON requires; lone surrogates are written as \\u escapes so they reach the parser as such. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
