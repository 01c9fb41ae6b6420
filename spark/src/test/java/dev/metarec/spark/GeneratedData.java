package dev.metarec.spark;

import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Generated users, items and ratings with taste (users of a country prefer some genres), from a seed: the
 * same data for the in-process trainer (through its ports) and the Spark job (through the export files).
 */
final class GeneratedData {
    static final String[] GENRES = {"drama", "comedy", "action", "horror", "documentary", "animation"};
    static final String[] COUNTRIES = {"fr", "de", "es", "it", "nl"};

    final int users;
    final int items;
    final int minEvents;
    final int maxEvents;
    final long seed;

    GeneratedData(int users, int items, int minEvents, int maxEvents, long seed) {
        this.users = users;
        this.items = items;
        this.minEvents = minEvents;
        this.maxEvents = maxEvents;
        this.seed = seed;
    }

    static String user(int u) { return String.format("u%07d", u); }

    static String item(int i) { return String.format("i%06d", i); }

    void items(Consumer<Item> sink) {
        for (int i = 0; i < items; i++)
            sink.accept(new Item(item(i), Attributes.of("genre", GENRES[i % GENRES.length], "year", Integer.toString(1980 + i % 40)), null));
    }

    /** Profiles for two users in three (the others have none). */
    void profiles(Consumer<UserProfile> sink) {
        for (int u = 0; u < users; u++)
            if (u % 3 != 2) sink.accept(new UserProfile(user(u), Attributes.of("country", COUNTRIES[u % COUNTRIES.length], "age", Integer.toString(18 + u % 50))));
    }

    /** Ratings with taste; a user in eleven rated, first, an item that is not in the catalogue. */
    void events(Consumer<Event> sink) {
        for (int u = 0; u < users; u++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + u);
            int n = minEvents + r.nextInt(maxEvents - minEvents + 1);
            long t = 1_700_000_000_000L + r.nextInt(1_000_000);
            for (int k = 0; k < n; k++) {
                int i = r.nextInt(items);
                boolean liked = (i % GENRES.length) % COUNTRIES.length == u % COUNTRIES.length;
                double rating = Math.max(1, Math.min(5, (liked ? 4 : 2) + r.nextInt(3) - 1));
                t += 1 + r.nextInt(100_000);
                // one user in eleven has a first event on an item the catalogue lacks: ingest stores such events (issue 11)
                String itemId = u % 11 == 0 && k == 0 ? "gone-" + u : item(i);
                sink.accept(new Event("e" + k, user(u), itemId, EventType.RATING, rating, Instant.ofEpochMilli(t)));
            }
        }
    }

    /** Writes the three exports under {@code root} (folders events/, items/, profiles/). */
    SparkMetaTrain.Inputs writeExports(Path root, int eventFiles) {
        ExportWriter ev = new ExportWriter(root.resolve("events"), "01700000000000-events", eventFiles);
        ExportWriter it = new ExportWriter(root.resolve("items"), "01700000000000-items", 1);
        ExportWriter pr = new ExportWriter(root.resolve("profiles"), "01700000000000-profiles", 2);
        events(ev::event);
        items(it::item);
        profiles(pr::profile);
        ev.close();
        it.close();
        pr.close();
        return new SparkMetaTrain.Inputs(ev.folder().toString(), it.folder().toString(), pr.folder().toString());
    }
}
