package dev.metarec.eval.data;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV record (RFC 4180: comma separator, double quotes, "" for a quote inside quotes). */
public final class Csv {
    private Csv() {}

    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { b.append('"'); i++; }
                else if (c == '"') quoted = false;
                else b.append(c);
            } else if (c == '"') {
                if (b.length() > 0) throw new IllegalArgumentException("a quote may only open a field, at character " + i);
                quoted = true;
            } else if (c == ',') {
                out.add(b.toString());
                b.setLength(0);
            } else b.append(c);
        }
        if (quoted) throw new IllegalArgumentException("unterminated quoted field (quoted fields may not span lines)");
        out.add(b.toString());
        return out;
    }
}
