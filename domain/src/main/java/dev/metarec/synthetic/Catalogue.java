package dev.metarec.synthetic;

import dev.metarec.model.Attributes;
import dev.metarec.model.Item;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The generated items, sorted by release time, with their facts. Package-private helper of the generator. */
record Catalogue(List<Item> items, ItemFacts[] factsByIndex, long[] releaseMillis) {

    static Catalogue generate(SyntheticConfig c, SplittableRandom rng) {
        int n = c.items();
        int initial = (int) Math.ceil(c.initialItemFraction() * n);
        long[] release = new long[n];
        double[] logPrice = new double[n];
        int[][] genres = new int[n][];
        int[] brands = new int[n];
        long startMs = c.start().toEpochMilli();
        for (int i = 0; i < n; i++) {
            release[i] = i < initial ? startMs : startMs + (long) (rng.nextDouble() * c.horizon().toMillis());
            genres[i] = sampleGenres(c.genres(), rng);
            brands[i] = rng.nextInt(c.brands());
            logPrice[i] = 3.0 + 0.7 * rng.nextGaussian();
        }
        double mean = Arrays.stream(logPrice).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(logPrice).map(x -> (x - mean) * (x - mean)).average().orElse(1));
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : release[a] != release[b] ? Long.compare(release[a], release[b]) : Integer.compare(a, b));
        List<Item> items = new ArrayList<>(n);
        ItemFacts[] facts = new ItemFacts[n];
        long[] sortedRelease = new long[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            facts[k] = new ItemFacts(genres[i], brands[i], sd > 0 ? (logPrice[i] - mean) / sd : 0);
            sortedRelease[k] = release[i];
            List<String> g = new ArrayList<>();
            for (int x : genres[i]) g.add("g" + x);
            Map<String, List<String>> attrs = new LinkedHashMap<>();
            attrs.put(SyntheticDataset.GENRE, g);
            attrs.put(SyntheticDataset.BRAND, List.of("b" + brands[i]));
            attrs.put(SyntheticDataset.PRICE, List.of(SyntheticGenerator.formatPrice(Math.exp(logPrice[i]))));
            items.add(new Item("i" + i, new Attributes(attrs), Instant.ofEpochMilli(release[i])));
        }
        return new Catalogue(List.copyOf(items), facts, sortedRelease);
    }

    private static int[] sampleGenres(int vocabulary, SplittableRandom rng) {
        int count = Math.min(vocabulary, 1 + rng.nextInt(3));
        int[] out = new int[count];
        int filled = 0;
        while (filled < count) {
            int g = rng.nextInt(vocabulary);
            boolean dup = false;
            for (int k = 0; k < filled; k++) dup |= out[k] == g;
            if (!dup) out[filled++] = g;
        }
        Arrays.sort(out);
        return out;
    }

    /** Number of items released at or before {@code t} (they are the first ones, by sort order). */
    int releasedBy(Instant t) {
        long ms = t.toEpochMilli();
        int lo = 0, hi = releaseMillis.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (releaseMillis[mid] <= ms) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    ItemFacts factsAt(int index) { return factsByIndex[index]; }

    Map<String, ItemFacts> facts() {
        Map<String, ItemFacts> m = new LinkedHashMap<>();
        for (int k = 0; k < items.size(); k++) m.put(items.get(k).itemId(), factsByIndex[k]);
        return m;
    }
}
