package dev.metarec.synthetic;

import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a {@link SyntheticDataset} from a config and a seed; the same (config, seed) gives an equal
 * dataset. Users' choices follow a random-utility model: from a slate of unseen released items the
 * user takes the one with the largest utility plus Gumbel noise, i.e. a multinomial logit choice
 * (McFadden, 1974). Each user gets an independent random stream, so adding users does not change the
 * earlier ones' histories.
 */
public final class SyntheticGenerator {

    static final List<String> AGE_BANDS = List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+");
    static final List<String> COUNTRIES = List.of("DE", "FR", "GB", "IT", "US");
    /** Probability that a user's age band is their segment's band rather than a random one. */
    static final double AGE_SEGMENT_AGREEMENT = 0.8;

    private SyntheticGenerator() {}

    public static SyntheticDataset generate(SyntheticConfig config, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom itemRng = root.split();
        SplittableRandom segmentRng = root.split();
        SplittableRandom userRoot = root.split();

        Catalogue catalogue = Catalogue.generate(config, itemRng);
        Taste[] segments = new Taste[config.segments()];
        for (int s = 0; s < segments.length; s++) segments[s] = randomTaste(config, segmentRng, null, 1.0);

        List<UserProfile> users = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        Map<String, GroundTruth.UserTruth> truths = new LinkedHashMap<>();
        for (int u = 0; u < config.users(); u++) {
            SplittableRandom rng = userRoot.split();
            String userId = "u" + u;
            int segment = rng.nextInt(config.segments());
            users.add(new UserProfile(userId, userAttributes(segment, rng)));
            truths.put(userId, simulateUser(config, catalogue, segments, userId, segment, rng, events));
        }
        events.sort(Comparator.comparing(Event::timestamp).thenComparing(Event::eventId));
        return new SyntheticDataset(catalogue.items(), users, events, new GroundTruth(catalogue.facts(), truths));
    }

    private static Attributes userAttributes(int segment, SplittableRandom rng) {
        String age = rng.nextDouble() < AGE_SEGMENT_AGREEMENT
                ? AGE_BANDS.get(segment % AGE_BANDS.size())
                : AGE_BANDS.get(rng.nextInt(AGE_BANDS.size()));
        String country = COUNTRIES.get(rng.nextInt(COUNTRIES.size()));
        return new Attributes(Map.of(SyntheticDataset.AGE, List.of(age), SyntheticDataset.COUNTRY, List.of(country)));
    }

    /** A taste around {@code mean} (or around zero when null) with the given spread. */
    private static Taste randomTaste(SyntheticConfig c, SplittableRandom rng, Taste mean, double spread) {
        double[] genre = new double[c.genres()];
        double[] brand = new double[c.brands()];
        for (int g = 0; g < genre.length; g++) genre[g] = (mean == null ? 0 : mean.genreWeight(g)) + spread * rng.nextGaussian();
        for (int b = 0; b < brand.length; b++) brand[b] = (mean == null ? 0 : mean.brandWeight(b)) + 0.5 * spread * rng.nextGaussian();
        double price = (mean == null ? 0 : mean.price()) + 0.5 * spread * rng.nextGaussian();
        double bias = (mean == null ? 0 : mean.bias()) + 0.3 * spread * rng.nextGaussian();
        return new Taste(bias, genre, brand, price);
    }

    private static GroundTruth.UserTruth simulateUser(SyntheticConfig c, Catalogue catalogue, Taste[] segments, String userId,
                                                      int segment, SplittableRandom rng, List<Event> out) {
        Taste before = randomTaste(c, rng, segments[segment], c.personalScale());
        int n = c.minEvents() + rng.nextInt(c.maxEvents() - c.minEvents() + 1);
        Instant[] times = interactionTimes(c, n, rng);
        Taste after = null;
        int changeIndex = -1;
        if (rng.nextDouble() < c.driftFraction()) {
            int other = c.segments() == 1 ? 0 : (segment + 1 + rng.nextInt(c.segments() - 1)) % c.segments();
            after = randomTaste(c, rng, segments[other], c.personalScale());
            changeIndex = 2 + rng.nextInt(n - 3);
        }
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < n; k++) {
            Taste taste = after != null && k >= changeIndex ? after : before;
            int chosen = choose(c, catalogue, taste, catalogue.releasedBy(times[k]), seen, rng);
            if (chosen < 0) {
                if (k <= changeIndex) { after = null; changeIndex = -1; }
                break;
            }
            seen.add(chosen);
            Item item = catalogue.items().get(chosen);
            double rating = Math.rint(GroundTruth.toRating(taste.utility(catalogue.factsAt(chosen)) + c.ratingNoise() * rng.nextGaussian()));
            String id = userId + "-" + k;
            out.add(new Event(id + "-click", userId, item.itemId(), EventType.CLICK, null, times[k]));
            out.add(new Event(id + "-rating", userId, item.itemId(), EventType.RATING, rating, times[k].plusMillis(1)));
        }
        return new GroundTruth.UserTruth(segment, before, after, changeIndex, after == null ? null : times[changeIndex]);
    }

    /** Sorted, distinct-millisecond interaction times inside the horizon, starting somewhere in its first 70%. */
    private static Instant[] interactionTimes(SyntheticConfig c, int n, SplittableRandom rng) {
        long horizonMs = c.horizon().toMillis();
        long userStart = (long) (rng.nextDouble() * 0.7 * horizonMs);
        long span = Math.max(n * 10L, (long) ((horizonMs - userStart) * (0.2 + 0.8 * rng.nextDouble())));
        long[] offsets = new long[n];
        for (int k = 0; k < n; k++) offsets[k] = userStart + (long) (rng.nextDouble() * span);
        Arrays.sort(offsets);
        Instant[] times = new Instant[n];
        for (int k = 0; k < n; k++) {
            if (k > 0 && offsets[k] <= offsets[k - 1] + 1) offsets[k] = offsets[k - 1] + 2;
            times[k] = c.start().plusMillis(offsets[k]);
        }
        return times;
    }

    /** Index of the chosen item among the first {@code released} items, or -1 when the user has seen them all. */
    private static int choose(SyntheticConfig c, Catalogue catalogue, Taste taste, int released, Set<Integer> seen, SplittableRandom rng) {
        List<Integer> slate = new ArrayList<>();
        if (released - seen.size() <= c.slateSize() * 2) {
            for (int i = 0; i < released; i++) if (!seen.contains(i)) slate.add(i);
        } else {
            Set<Integer> picked = new HashSet<>();
            while (picked.size() < c.slateSize()) {
                int i = rng.nextInt(released);
                if (!seen.contains(i) && picked.add(i)) slate.add(i);
            }
        }
        if (slate.isEmpty()) return -1;
        if (c.slateSize() == 1) return slate.get(rng.nextInt(slate.size()));
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i : slate) {
            double gumbel = -Math.log(-Math.log(Math.max(1e-300, rng.nextDouble())));
            double v = taste.utility(catalogue.factsAt(i)) + gumbel;
            if (v > bestValue) { bestValue = v; best = i; }
        }
        return best;
    }

    static String formatPrice(double price) { return String.format(Locale.ROOT, "%.2f", price); }
}
