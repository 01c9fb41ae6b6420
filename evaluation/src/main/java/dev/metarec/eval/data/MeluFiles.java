package dev.metarec.eval.data;

import dev.metarec.model.Attributes;
import dev.metarec.model.Item;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.metarec.eval.data.MovieLensSupport.*;

/**
 * MeLU's files (Lee et al., KDD 2019): {@code movies_extrainfos.dat} (UTF-8, CRLF,
 * {@code movie_id::title::year::rate::released::genre::director::writer::actors::plot::poster}, lists
 * separated by ", ", missing values "nan" or "N/A") and the split files {@code <state>.json}
 * ({@code {"userId": ["movieId", ...]}}) with {@code <state>_y.json} ({@code {"userId": [rating, ...]}}).
 */
public final class MeluFiles {
    private static final DateTimeFormatter RELEASED = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private MeluFiles() {}

    /** Adds rate, director and actors (and a release date when given) to the items; unknown movie ids are an error. */
    static void mergeExtraInfos(Path file, Map<String, Item> items) {
        TextFile.forEachLine(file, StandardCharsets.UTF_8, (line, n) -> {
            String[] f = TextFile.fields(line, "::", 11, "movie_id::title::year::rate::released::genre::director::writer::actors::plot::poster");
            String id = String.valueOf(TextFile.parseInt(f[0], "movie_id"));
            Item old = items.get(id);
            if (old == null) throw new IllegalArgumentException("movie_id " + id + " is not in movies.dat");
            Map<String, List<String>> attrs = new LinkedHashMap<>(old.attributes().values());
            if (!isMissing(f[3])) attrs.put(MovieLens1m.RATE, List.of(f[3].trim()));
            attrs.put(MovieLens1m.DIRECTOR, splitList(f[6], ","));
            attrs.put(MovieLens1m.ACTORS, splitList(f[8], ","));
            List<String> genres = splitList(f[5], ",");
            if (!genres.isEmpty() && !attrs.containsKey(GENRE)) attrs.put(GENRE, genres);
            Instant released = old.releasedAt();
            if (!isMissing(f[4])) {
                try {
                    released = LocalDate.parse(f[4].trim(), RELEASED).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("released must look like '01 Jan 1998' or be nan/N/A, was '" + f[4] + "'");
                }
            }
            items.put(id, new Item(id, new Attributes(attrs), released));
        });
    }

    /** Reads every {@code <state>.json}/{@code <state>_y.json} pair present in {@code dir}; empty when none is. */
    public static Optional<MeluSplit> readSplitIfPresent(Path dir) {
        Map<String, Map<String, List<MeluSplit.Rated>>> states = new LinkedHashMap<>();
        for (String state : MeluSplit.STATES) {
            Path x = dir.resolve(state + ".json");
            if (Files.isRegularFile(x)) states.put(state, readState(x, TextFile.require(dir, state + "_y.json")));
        }
        return states.isEmpty() ? Optional.empty() : Optional.of(new MeluSplit(states));
    }

    static Map<String, List<MeluSplit.Rated>> readState(Path itemsFile, Path ratingsFile) {
        Map<String, Object> x = object(itemsFile);
        Map<String, Object> y = object(ratingsFile);
        Map<String, List<MeluSplit.Rated>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : x.entrySet()) {
            String user = e.getKey();
            List<?> itemIds = list(itemsFile, user, e.getValue());
            Object ys = y.get(user);
            if (ys == null) throw new DataFormatException(ratingsFile, 1, "user " + user + " of " + itemsFile.getFileName() + " has no ratings");
            List<?> ratings = list(ratingsFile, user, ys);
            if (ratings.size() != itemIds.size())
                throw new DataFormatException(ratingsFile, 1, "user " + user + " has " + itemIds.size() + " items but " + ratings.size() + " ratings");
            List<MeluSplit.Rated> rated = new ArrayList<>();
            for (int k = 0; k < itemIds.size(); k++) {
                Object item = itemIds.get(k), r = ratings.get(k);
                String itemId = item instanceof Double d ? String.valueOf(d.longValue()) : String.valueOf(item);
                if (!(r instanceof Double rating) || !Double.isFinite(rating))
                    throw new DataFormatException(ratingsFile, 1, "user " + user + " rating " + k + " must be a number, was " + r);
                rated.add(new MeluSplit.Rated(itemId, rating));
            }
            out.put(user, List.copyOf(rated));
        }
        if (y.size() != x.size()) throw new DataFormatException(ratingsFile, 1, "has " + y.size() + " users but " + itemsFile.getFileName() + " has " + x.size());
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Path file) {
        Object v;
        try {
            v = Json.parse(TextFile.readAll(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, 1, e.getMessage(), e);
        }
        if (!(v instanceof Map)) throw new DataFormatException(file, 1, "expected a JSON object {\"userId\": [...]}");
        return (Map<String, Object>) v;
    }

    private static List<?> list(Path file, String user, Object v) {
        if (!(v instanceof List<?> l)) throw new DataFormatException(file, 1, "user " + user + ": expected a JSON array");
        return l;
    }
}
