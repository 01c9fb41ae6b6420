package dev.metarec.functions.local;

import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a MovieLens directory into demo data: MovieLens-1M ({@code ratings.dat}, {@code movies.dat},
 * {@code users.dat}, {@code ::}-separated, latin-1; ratings with or without timestamp), MovieLens-100K
 * ({@code u.data}, {@code u.item}, {@code u.user}) or the CSV format of ml-latest-small, ml-latest, ml-25m and
 * ml-32m ({@code ratings.csv}, {@code movies.csv}, UTF-8, a header line, quoted titles; half-star ratings; no user
 * file). Items get {@code genre} and {@code year}, users (1M, 100K) {@code gender}, {@code age}, {@code occupation}.
 * Data stays where it is; nothing is copied.
 */
public final class MovieLens {
    private static final String[] GENRES_100K = {"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
            "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"};

    private MovieLens() {}

    public static DemoData read(Path dir) throws IOException {
        if (Files.exists(dir.resolve("ratings.dat"))) return read1m(dir);
        if (Files.exists(dir.resolve("u.data"))) return read100k(dir);
        if (Files.exists(dir.resolve("ratings.csv"))) return readCsv(dir);
        throw new IOException("no MovieLens ratings.dat (1M), u.data (100K) or ratings.csv (ml-latest-small, ml-25m, ...) in " + dir);
    }

    private static DemoData read1m(Path dir) throws IOException {
        List<Item> items = new ArrayList<>();
        for (String line : lines(dir.resolve("movies.dat"))) {
            String[] f = line.split("::");
            if (f.length < 3) continue;
            Map<String, List<String>> a = new LinkedHashMap<>();
            a.put("genre", List.of(f[2].split("\\|")));
            putYear(a, f[1]);
            items.add(new Item(f[0], new Attributes(a), null));
        }
        List<UserProfile> users = new ArrayList<>();
        Path u = dir.resolve("users.dat");
        if (Files.exists(u)) for (String line : lines(u)) {
            String[] f = line.split("::");
            if (f.length >= 4) users.add(new UserProfile(f[0], Attributes.of("gender", f[1], "age", f[2], "occupation", f[3])));
        }
        List<Event> events = new ArrayList<>();
        int n = 0;
        for (String line : lines(dir.resolve("ratings.dat"))) {
            String[] f = line.split("::");
            if (f.length < 3) continue;
            Instant t = f.length > 3 ? Instant.ofEpochSecond(Long.parseLong(f[3].trim())) : Instant.ofEpochSecond(956_703_932L + n);
            events.add(new Event("ml-" + f[0] + "-" + f[1], f[0], f[1], EventType.RATING, Double.parseDouble(f[2]), t));
            n++;
        }
        return new DemoData(items, users, events, "MovieLens-1M format in " + dir);
    }

    private static DemoData read100k(Path dir) throws IOException {
        List<Item> items = new ArrayList<>();
        for (String line : lines(dir.resolve("u.item"))) {
            String[] f = line.split("\\|");
            if (f.length < 24) continue;
            List<String> genres = new ArrayList<>();
            for (int g = 0; g < 19; g++) if ("1".equals(f[5 + g])) genres.add(GENRES_100K[g]);
            Map<String, List<String>> a = new LinkedHashMap<>();
            a.put("genre", genres);
            if (f[2].length() >= 4) a.put("year", List.of(f[2].substring(f[2].length() - 4)));
            items.add(new Item(f[0], new Attributes(a), null));
        }
        List<UserProfile> users = new ArrayList<>();
        for (String line : lines(dir.resolve("u.user"))) {
            String[] f = line.split("\\|");
            if (f.length >= 4) users.add(new UserProfile(f[0], Attributes.of("age", ageBand(Integer.parseInt(f[1])), "gender", f[2], "occupation", f[3])));
        }
        List<Event> events = new ArrayList<>();
        for (String line : lines(dir.resolve("u.data"))) {
            String[] f = line.split("\t");
            if (f.length < 4) continue;
            events.add(new Event("ml-" + f[0] + "-" + f[1], f[0], f[1], EventType.RATING, Double.parseDouble(f[2]), Instant.ofEpochSecond(Long.parseLong(f[3].trim()))));
        }
        return new DemoData(items, users, events, "MovieLens-100K in " + dir);
    }

    private static final java.util.regex.Pattern TITLE_YEAR = java.util.regex.Pattern.compile("\\((\\d{4})(?:[-\u2013]\\d{0,4})?\\)$");

    /** The {@code year} attribute from a title ending in "(1995)" (or a range such as "(2006–2007)"); none without one. */
    private static void putYear(Map<String, List<String>> attributes, String title) {
        java.util.regex.Matcher m = TITLE_YEAR.matcher(title.trim());
        if (m.find()) attributes.put("year", List.of(m.group(1)));
    }

    private static DemoData readCsv(Path dir) throws IOException {
        List<Item> items = new ArrayList<>();
        for (String line : csvLines(dir.resolve("movies.csv"))) {
            // movieId,title,genres: only the title may hold commas (then it is quoted), so it is everything between the first and last comma
            int first = line.indexOf(','), last = line.lastIndexOf(',');
            if (first < 0 || last <= first) continue;
            String genres = line.substring(last + 1).trim();
            Map<String, List<String>> a = new LinkedHashMap<>();
            a.put("genre", genres.equals("(no genres listed)") || genres.isEmpty() ? List.of() : List.of(genres.split("\\|")));
            putYear(a, unquote(line.substring(first + 1, last).trim()));
            items.add(new Item(line.substring(0, first).trim(), new Attributes(a), null));
        }
        List<Event> events = new ArrayList<>();
        for (String line : csvLines(dir.resolve("ratings.csv"))) {
            String[] f = line.split(",");
            if (f.length < 4) continue;
            events.add(new Event("ml-" + f[0] + "-" + f[1], f[0], f[1], EventType.RATING, Double.parseDouble(f[2]), Instant.ofEpochSecond(Long.parseLong(f[3].trim()))));
        }
        return new DemoData(items, List.of(), events, "MovieLens CSV format (ml-latest-small, ml-25m, ...) in " + dir);
    }

    /** A CSV field as written: quoted ("" inside for a quote) or as it is. */
    private static String unquote(String field) {
        return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"") ? field.substring(1, field.length() - 1).replace("\"\"", "\"") : field;
    }

    /** The lines after the header, UTF-8. */
    private static List<String> csvLines(Path p) throws IOException {
        List<String> all = Files.readAllLines(p, StandardCharsets.UTF_8);
        return all.isEmpty() ? all : all.subList(1, all.size());
    }

    private static String ageBand(int age) {
        return age < 18 ? "1" : age < 25 ? "18" : age < 35 ? "25" : age < 45 ? "35" : age < 50 ? "45" : age < 56 ? "50" : "56";
    }

    private static List<String> lines(Path p) throws IOException { return Files.readAllLines(p, StandardCharsets.ISO_8859_1); }
}
