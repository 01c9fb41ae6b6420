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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.metarec.eval.data.MovieLensSupport.*;

/**
 * MovieLens-1M ({@code ::}-separated {@code users.dat}, {@code movies.dat} (latin-1), {@code ratings.dat}
 * with or without the timestamp column) plus, when present, MeLU's {@code movies_extrainfos.dat} and
 * split files (see {@link MeluFiles}). A rating without a timestamp gets {@code epoch + line number}
 * seconds, which keeps file order as time order; say so when reporting time-ordered results.
 * Item attributes: genre (multi), year (numeric) and, with MeLU's side information, rate (MPAA,
 * categorical), director and actors (multi). User attributes: gender, age band, occupation, zip region.
 */
public final class MovieLens1m {
    static final String RATE = "rate";
    static final String DIRECTOR = "director";
    static final String ACTORS = "actors";

    private MovieLens1m() {}

    public static Dataset load(Path dir) {
        List<UserProfile> users = users(TextFile.require(dir, "users.dat"));
        Map<String, Item> items = movies(TextFile.require(dir, "movies.dat"));
        Path extra = dir.resolve("movies_extrainfos.dat");
        boolean side = Files.isRegularFile(extra);
        if (side) MeluFiles.mergeExtraInfos(extra, items);
        List<Event> events = ratings(TextFile.require(dir, "ratings.dat"));
        Optional<MeluSplit> split = MeluFiles.readSplitIfPresent(dir);
        List<FeatureSpec> itemSpecs = new ArrayList<>(List.of(FeatureSpec.multi(GENRE), FeatureSpec.numeric(YEAR, 8)));
        if (side) itemSpecs.addAll(List.of(FeatureSpec.categorical(RATE), FeatureSpec.multi(DIRECTOR), FeatureSpec.multi(ACTORS)));
        return new Dataset("ml-1m", new ArrayList<>(items.values()), users, events,
                List.of(FeatureSpec.categorical(GENDER), FeatureSpec.categorical(AGE), FeatureSpec.categorical(OCCUPATION), FeatureSpec.categorical(ZIP)),
                itemSpecs, split);
    }

    private static List<UserProfile> users(Path file) {
        List<UserProfile> users = new ArrayList<>();
        TextFile.forEachLine(file, StandardCharsets.ISO_8859_1, (line, n) -> {
            String[] f = TextFile.fields(line, "::", 5, "UserID::Gender::Age::Occupation::Zip");
            String id = String.valueOf(TextFile.parseInt(f[0], "UserID"));
            String gender = f[1].trim();
            if (!gender.equals("M") && !gender.equals("F")) throw new IllegalArgumentException("Gender must be M or F, was '" + gender + "'");
            TextFile.parseInt(f[2], "Age");
            TextFile.parseInt(f[3], "Occupation");
            users.add(new UserProfile(id, new Attributes(Map.of(GENDER, List.of(gender), AGE, List.of(f[2].trim()),
                    OCCUPATION, List.of(f[3].trim()), ZIP, List.of(zipRegion(f[4]))))));
        });
        return users;
    }

    private static Map<String, Item> movies(Path file) {
        Map<String, Item> items = new LinkedHashMap<>();
        TextFile.forEachLine(file, StandardCharsets.ISO_8859_1, (line, n) -> {
            String[] f = TextFile.fields(line, "::", 3, "MovieID::Title (Year)::Genres");
            String id = String.valueOf(TextFile.parseInt(f[0], "MovieID"));
            Map<String, List<String>> attrs = new LinkedHashMap<>();
            attrs.put(GENRE, splitList(f[2], "|"));
            Optional<Integer> year = titleYear(f[1]);
            year.ifPresent(y -> attrs.put(YEAR, List.of(String.valueOf(y))));
            if (items.put(id, new Item(id, new Attributes(attrs), year.map(MovieLensSupport::startOfYear).orElse(null))) != null)
                throw new IllegalArgumentException("duplicate MovieID " + id);
        });
        return items;
    }

    private static List<Event> ratings(Path file) {
        List<Event> events = new ArrayList<>();
        TextFile.forEachLine(file, StandardCharsets.ISO_8859_1, (line, n) -> {
            String[] f = line.split("::", -1);
            if (f.length != 3 && f.length != 4)
                throw new IllegalArgumentException("expected UserID::MovieID::Rating[::Timestamp] (3 or 4 fields), got " + f.length);
            String user = String.valueOf(TextFile.parseInt(f[0], "UserID"));
            String item = String.valueOf(TextFile.parseInt(f[1], "MovieID"));
            double rating = TextFile.parseRating(f[2], "Rating");
            if (rating < 1 || rating > 5) throw new IllegalArgumentException("Rating must be in [1, 5], was " + rating);
            Instant t = f.length == 4 ? Instant.ofEpochSecond(TextFile.parseLong(f[3], "Timestamp")) : Instant.EPOCH.plusSeconds(n);
            events.add(new Event(user + ":" + item, user, item, EventType.RATING, rating, t));
        });
        return events;
    }
}
