package dev.metarec.eval.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;

/**
 * Reads a text file line by line with 1-based line numbers, stripping a trailing CR (CRLF files) and
 * skipping blank lines. A malformed line is reported through {@link #fail}, which names file and line.
 */
public final class TextFile {

    /** Receives each non-blank line with its 1-based number. */
    @FunctionalInterface
    public interface LineHandler {
        void accept(String line, long number);
    }

    private TextFile() {}

    public static void forEachLine(Path file, Charset charset, LineHandler handler) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
                if (n == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
                if (line.isBlank()) continue;
                try {
                    handler.accept(line, n);
                } catch (DataFormatException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new DataFormatException(file, n, e.getMessage() == null ? e.toString() : e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("can't read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The whole file as a string (for JSON documents). */
    public static String readAll(Path file, Charset charset) {
        try {
            String s = Files.readString(file, charset);
            return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
        } catch (IOException e) {
            throw new UncheckedIOException("can't read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Path require(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) throw new UncheckedIOException(new java.io.FileNotFoundException("missing data file " + p));
        return p;
    }

    static String[] fields(String line, String separator, int expected, String what) {
        String[] f = line.split(java.util.regex.Pattern.quote(separator), -1);
        if (f.length != expected)
            throw new IllegalArgumentException("expected " + expected + " '" + separator + "'-separated fields (" + what + "), got " + f.length);
        return f;
    }

    static int parseInt(String value, String field) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be an integer, was '" + value + "'");
        }
    }

    static long parseLong(String value, String field) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be an integer, was '" + value + "'");
        }
    }

    static double parseRating(String value, String field) {
        double d;
        try {
            d = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number, was '" + value + "'");
        }
        if (!Double.isFinite(d)) throw new IllegalArgumentException(field + " must be finite, was " + value);
        return d;
    }
}
