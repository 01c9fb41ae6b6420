package dev.metarec.eval.data;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small parsing helpers shared by the MovieLens loaders. */
final class MovieLensSupport {
    private static final Pattern TITLE_YEAR = Pattern.compile("\\((\\d{4})(?:[-–]\\d{0,4})?\\)\\s*$");

    static final String GENRE = "genre";
    static final String YEAR = "year";
    static final String AGE = "age";
    static final String GENDER = "gender";
    static final String OCCUPATION = "occupation";
    static final String ZIP = "zip";

    private MovieLensSupport() {}

    /** The year in parentheses at the end of a MovieLens title, e.g. "Heat (1995)". */
    static Optional<Integer> titleYear(String title) {
        Matcher m = TITLE_YEAR.matcher(title.trim());
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    static Instant startOfYear(int year) { return LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant(); }

    /** First character of a zip code: a coarse region that keeps the vocabulary small. */
    static String zipRegion(String zip) {
        String z = zip.trim();
        return z.isEmpty() ? "" : z.substring(0, 1);
    }

    static List<String> splitList(String value, String separator) {
        if (isMissing(value)) return List.of();
        return Arrays.stream(value.split(Pattern.quote(separator))).map(String::trim).filter(s -> !s.isEmpty() && !isMissing(s)).toList();
    }

    /** MeLU's side information writes missing values as the literal strings "nan" or "N/A". */
    static boolean isMissing(String value) {
        String v = value.trim();
        return v.isEmpty() || v.equalsIgnoreCase("nan") || v.equalsIgnoreCase("N/A");
    }
}
