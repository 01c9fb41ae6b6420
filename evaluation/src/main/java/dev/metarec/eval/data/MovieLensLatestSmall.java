package dev.metarec.eval.data;

import dev.metarec.features.FeatureSpec;
import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.metarec.eval.data.MovieLensSupport.*;

/**
 * ml-latest-small (CSV with a header: {@code ratings.csv} userId,movieId,rating,timestamp;
 * {@code movies.csv} movieId,title,genres with quoted titles). No user attributes. Item attributes:
 * genre (multi; "(no genres listed)" is no genre) and year (numeric, from the title).
 */
public final class MovieLensLatestSmall {
    private MovieLensLatestSmall() {}

    public static Dataset load(Path dir) {
        List<Item> items = movies(TextFile.require(dir, "movies.csv"));
        List<Event> events = ratings(TextFile.require(dir, "ratings.csv"));
        return new Dataset("ml-latest-small", items, List.of(), events, List.of(),
                List.of(FeatureSpec.multi(GENRE), FeatureSpec.numeric(YEAR, 8)));
    }

    private static List<Item> movies(Path file) {
        List<Item> items = new ArrayList<>();
        TextFile.forEachLine(file, StandardCharsets.UTF_8, (line, n) -> {
            if (n == 1 && line.startsWith("movieId")) return;
            List<String> f = Csv.split(line);
            if (f.size() != 3) throw new IllegalArgumentException("expected 3 fields movieId,title,genres, got " + f.size());
            String id = String.valueOf(TextFile.parseInt(f.get(0), "movieId"));
            Map<String, List<String>> attrs = new LinkedHashMap<>();
            attrs.put(GENRE, f.get(2).equals("(no genres listed)") ? List.of() : splitList(f.get(2), "|"));
            Optional<Integer> year = titleYear(f.get(1));
            year.ifPresent(y -> attrs.put(YEAR, List.of(String.valueOf(y))));
            items.add(new Item(id, new Attributes(attrs), year.map(MovieLensSupport::startOfYear).orElse(null)));
        });
        return items;
    }

    private static List<Event> ratings(Path file) {
        List<Event> events = new ArrayList<>();
        TextFile.forEachLine(file, StandardCharsets.UTF_8, (line, n) -> {
            if (n == 1 && line.startsWith("userId")) return;
            List<String> f = Csv.split(line);
            if (f.size() != 4) throw new IllegalArgumentException("expected 4 fields userId,movieId,rating,timestamp, got " + f.size());
            String user = String.valueOf(TextFile.parseInt(f.get(0), "userId"));
            String item = String.valueOf(TextFile.parseInt(f.get(1), "movieId"));
            double rating = TextFile.parseRating(f.get(2), "rating");
            if (rating < 0.5 || rating > 5) throw new IllegalArgumentException("rating must be in [0.5, 5], was " + rating);
            events.add(new Event(user + ":" + item, user, item, EventType.RATING, rating, Instant.ofEpochSecond(TextFile.parseLong(f.get(3), "timestamp"))));
        });
        return events;
    }
}
