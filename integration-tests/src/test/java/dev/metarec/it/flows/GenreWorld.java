package dev.metarec.it.flows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small generated world with a known answer: items in five genres; every training user loves one genre
 * (rates it 4-5) and dislikes the rest (1-2); Horror lovers are the most numerous, so the population's
 * favourites are horror films while a comedy lover's are comedies. Deterministic under a seed.
 */
public final class GenreWorld {
    public static final List<String> GENRES = List.of("Horror", "Comedy", "Drama", "Action", "SciFi");
    /** Share of training users per favourite genre (Horror most popular). */
    private static final double[] FAVOURITE_SHARE = {0.40, 0.15, 0.15, 0.15, 0.15};

    public record Item(String itemId, String genre, Instant releasedAt) {}

    public record Rating(String eventId, String userId, String itemId, double value, Instant timestamp) {}

    public final List<Item> items = new ArrayList<>();
    public final List<Rating> ratings = new ArrayList<>();
    public final Map<String, String> favourite = new LinkedHashMap<>();
    public final Instant start = Instant.parse("2025-01-01T00:00:00Z");

    public GenreWorld(int itemsPerGenre, int users, int ratingsPerUser, long seed) {
        Random random = new Random(seed);
        for (String genre : GENRES) {
            for (int i = 0; i < itemsPerGenre; i++) {
                items.add(new Item(genre.toLowerCase() + "-" + i, genre, start.minusSeconds(86_400L * (i + 1))));
            }
        }
        for (int u = 0; u < users; u++) {
            String userId = "train-" + u;
            String fav = GENRES.get(pick(random));
            favourite.put(userId, fav);
            for (int r = 0; r < ratingsPerUser; r++) {
                boolean liked = random.nextDouble() < 0.5;
                String genre = liked ? fav : GENRES.get(random.nextInt(GENRES.size()));
                Item item = items.get(GENRES.indexOf(genre) * itemsPerGenre + random.nextInt(itemsPerGenre));
                double value = genre.equals(fav) ? 4 + random.nextInt(2) : 1 + random.nextInt(2);
                ratings.add(new Rating(userId + "-r" + r, userId, item.itemId(), value, start.plusSeconds(u * 1000L + r)));
            }
        }
    }

    private static int pick(Random random) {
        double x = random.nextDouble();
        for (int g = 0; g < FAVOURITE_SHARE.length; g++) {
            x -= FAVOURITE_SHARE[g];
            if (x < 0) return g;
        }
        return FAVOURITE_SHARE.length - 1;
    }

    public String genreOf(String itemId) {
        return items.stream().filter(i -> i.itemId().equals(itemId)).findFirst().map(Item::genre).orElse("?");
    }
}
