package dev.metarec.eval.data;

import dev.metarec.features.FeatureSpec;
import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.metarec.eval.data.MovieLensSupport.*;

/**
 * MovieLens 100K (Harper and Konstan, ACM TiiS 2015): {@code u.data} (tab-separated user, item,
 * rating, unix seconds), {@code u.user} ({@code id|age|gender|occupation|zip}), {@code u.item}
 * (latin-1, {@code id|title|release date|video date|url|19 genre flags}) and optionally {@code u.genre}.
 * Item attributes: genre (multi), year (numeric). User attributes: age (numeric), gender,
 * occupation, zip region (categorical).
 */
public final class MovieLens100k {
    private static final DateTimeFormatter RELEASE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);
    private static final List<String> DEFAULT_GENRES = List.of("unknown", "Action", "Adventure", "Animation", "Children's", "Comedy",
            "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private MovieLens100k() {}

    public static Dataset load(Path dir) {
        List<String> genres = genres(dir);
        List<Item> items = items(TextFile.require(dir, "u.item"), genres);
        List<UserProfile> users = users(TextFile.require(dir, "u.user"));
        List<Event> events = ratings(TextFile.require(dir, "u.data"));
        return new Dataset("ml-100k", items, users, events,
                List.of(FeatureSpec.numeric(AGE, 6), FeatureSpec.categorical(GENDER), FeatureSpec.categorical(OCCUPATION), FeatureSpec.categorical(ZIP)),
                List.of(FeatureSpec.multi(GENRE), FeatureSpec.numeric(YEAR, 8)));
    }

    private static List<String> genres(Path dir) {
        Path file = dir.resolve("u.genre");
        if (!Files.isRegularFile(file)) return DEFAULT_GENRES;
        Map<Integer, String> byIndex = new LinkedHashMap<>();
        TextFile.forEachLine(file, StandardCharsets.ISO_8859_1, (line, n) -> {
            String[] f = TextFile.fields(line, "|", 2, "genre|index");
            byIndex.put(TextFile.parseInt(f[1], "genre index"), f[0]);
        });
        List<String> out = new ArrayList<>();
        for (int i = 0; i < byIndex.size(); i++) {
            String g = byIndex.get(i);
            if (g == null) throw new DataFormatException(file, 0, "genre indices must be 0.." + (byIndex.size() - 1) + ", missing " + i);
            out.add(g);
        }
        return out;
    }

    static List<Item> items(Path file, List<String> genres) {
        List<Item> items = new ArrayList<>();
        TextFile.forEachLine(file, StandardCharsets.ISO_8859_1, (line, n) -> {
            String[] f = TextFile.fields(line, "|", 5 + genres.size(), "id|title|release|video|url|genre flags");
            String id = String.valueOf(TextFile.parseInt(f[0], "movie id"));
            List<String> g = new ArrayList<>();
            for (int k = 0; k < genres.size(); k++) {
                String flag = f[5 + k].trim();
                if (!flag.equals("0") && !flag.equals("1")) throw new IllegalArgumentException("genre flag " + genres.get(k) + " must be 0 or 1, was '" + flag + "'");
                if (flag.equals("1")) g.add(genres.get(k));
            }
            Instant released = f[2].isBlank() ? null : LocalDate.parse(f[2].trim(), RELEASE).atStartOfDay(ZoneOffset.UTC).toInstant();
            Map<String, List<String>> attrs = new LinkedHashMap<>();
            attrs.put(GENRE, g);
            Integer year = released != null ? Integer.valueOf(released.atZone(ZoneOffset.UTC).getYear()) : titleYear(f[1]).orElse(null);
            if (year != null) attrs.put(YEAR, List.of(String.valueOf(year)));
            items.add(new Item(id, new Attributes(attrs), released));
        });
        return items;
    }

    private static List<UserProfile> users(Path file) {
        List<UserProfile> users = new ArrayList<>();
        TextFile.forEachLine(file, StandardCharsets.ISO_8859_1, (line, n) -> {
            String[] f = TextFile.fields(line, "|", 5, "id|age|gender|occupation|zip");
            String id = String.valueOf(TextFile.parseInt(f[0], "user id"));
            int age = TextFile.parseInt(f[1], "age");
            if (age < 0 || age > 150) throw new IllegalArgumentException("age must be in [0, 150], was " + age);
            users.add(new UserProfile(id, new Attributes(Map.of(AGE, List.of(String.valueOf(age)), GENDER, List.of(f[2].trim()),
                    OCCUPATION, List.of(f[3].trim()), ZIP, List.of(zipRegion(f[4]))))));
        });
        return users;
    }

    private static List<Event> ratings(Path file) {
        List<Event> events = new ArrayList<>();
        TextFile.forEachLine(file, StandardCharsets.ISO_8859_1, (line, n) -> {
            String[] f = TextFile.fields(line, "\t", 4, "user, item, rating, timestamp");
            String user = String.valueOf(TextFile.parseInt(f[0], "user id"));
            String item = String.valueOf(TextFile.parseInt(f[1], "item id"));
            double rating = TextFile.parseRating(f[2], "rating");
            if (rating < 1 || rating > 5) throw new IllegalArgumentException("rating must be in [1, 5], was " + rating);
            events.add(new Event(user + ":" + item, user, item, EventType.RATING, rating, Instant.ofEpochSecond(TextFile.parseLong(f[3], "timestamp"))));
        });
        return events;
    }
}
