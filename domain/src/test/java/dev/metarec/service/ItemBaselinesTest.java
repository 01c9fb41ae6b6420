package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.meta.Example;
import dev.metarec.meta.Task;
import dev.metarec.meta.Batch;
import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.rank.ItemBaseline;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 14 item 1: the item baseline a run starts from, and that the network is trained on top of it. */
class ItemBaselinesTest {
    private static final Instant T = Instant.parse("2026-06-01T00:00:00Z");
    private static final ServiceSettings SERVING = ServiceSettings.DEFAULT;
    private static final double LAMBDA = SERVING.itemBiasShrinkage();

    private static Event rating(String id, String user, String item, double v, int second) {
        return new Event(id, user, item, EventType.RATING, v, T.plusSeconds(second));
    }

    private static Event view(String id, String user, String item, int second) {
        return new Event(id, user, item, EventType.VIEW, null, T.plusSeconds(second));
    }

    @Test
    void withoutAttributes_theBaselineIsTheShrunkMeanDeviation_fromTheMeanTargetOfAllPairs() {
        Map<String, double[]> sums = new HashMap<>();
        ItemBaselines.accumulate(sums, List.of(rating("1", "u1", "a", 5, 1), rating("2", "u1", "b", 1, 2)), SERVING);
        ItemBaselines.accumulate(sums, List.of(rating("3", "u2", "a", 3, 1)), SERVING);
        ItemBaseline b = ItemBaselines.fit(sums, List.of(), item -> new int[0][], LAMBDA);
        double mu = (5 + 1 + 3) / 3.0;
        assertEquals((5 + 3 - 2 * mu) / (2 + LAMBDA), b.of("a"), 1e-12);
        assertEquals((1 - mu) / (1 + LAMBDA), b.of("b"), 1e-12);
        assertEquals(0.0, b.of("never-seen"), "an item without events starts at 0");
        assertEquals(List.of("a", "b"), b.items());
    }

    @Test
    void theAttributesAverage_isLeftToTheNetwork_soANewItemOfAGoodKindDoesNotStartBelowItsKind() {
        // genre "good": items g1, g2 rated 5 by every user; genre "bad": b1 rated 1; the mean is pulled between them
        List<Item> catalogue = List.of(new Item("g1", Attributes.of("genre", "good"), null), new Item("g2", Attributes.of("genre", "good"), null),
                new Item("b1", Attributes.of("genre", "bad"), null));
        Map<String, double[]> sums = new HashMap<>();
        for (int u = 0; u < 30; u++)
            ItemBaselines.accumulate(sums, List.of(rating("g1" + u, "u" + u, "g1", 5, 1), rating("g2" + u, "u" + u, "g2", u < 15 ? 5 : 4, 2),
                    rating("b" + u, "u" + u, "b1", 1, 3)), SERVING);
        java.util.function.Function<Item, int[][]> genreRow = item -> new int[][]{{item.attributes().get("genre").get(0).equals("good") ? 1 : 2}};
        ItemBaseline withGenres = ItemBaselines.fit(sums, catalogue, genreRow, LAMBDA), without = ItemBaselines.fit(sums, List.of(), genreRow, LAMBDA);
        double mu = (30 * 5 + 15 * 5 + 15 * 4 + 30 * 1) / 90.0;
        double raw1 = 30 * (5 - mu) / (30 + LAMBDA), raw2 = (15 * 5 + 15 * 4 - 30 * mu) / (30 + LAMBDA), rawB = 30 * (1 - mu) / (30 + LAMBDA);
        double good = (raw1 + raw2) / (2 + LAMBDA), bad = rawB / (1 + LAMBDA);
        assertEquals(raw1, without.of("g1"), 1e-12);
        assertEquals(30 * (5 - mu - good) / (30 + LAMBDA), withGenres.of("g1"), 1e-12);
        assertEquals(30 * (1 - mu - bad) / (30 + LAMBDA), withGenres.of("b1"), 1e-12);
        assertTrue(withGenres.of("g1") > withGenres.of("g2"), "within a genre the better item stays above: " + withGenres.of("g1") + " vs " + withGenres.of("g2"));
        assertTrue(Math.abs(withGenres.of("g1")) < Math.abs(without.of("g1")),
                "the genre's part is not in the item's baseline: " + withGenres.of("g1") + " vs " + without.of("g1"));
    }

    @Test
    void eachUserAndItem_countsOnce_theLatestRatingWinningOverEveryImplicitEvent() {
        Map<String, double[]> sums = new HashMap<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) events.add(view("v" + i, "u1", "a", 100 + i));   // twenty views after the rating
        events.add(rating("r1", "u1", "a", 4, 10));
        events.add(rating("r0", "u1", "a", 1, 5));                                     // an older rating, replaced
        events.add(view("w", "u1", "c", 7));
        ItemBaselines.accumulate(sums, events, SERVING);
        assertArrayEquals(new double[]{1, 4}, sums.get("a"), "one pair, the latest rating");
        assertArrayEquals(new double[]{1, SERVING.viewTarget()}, sums.get("c"), "a view alone counts with the trainer's view target");
    }

    @Test
    void aRunsChallenger_holdsTheBaselineOfItsTrainingUsersOnly_andItsTasksTrainOnTopOfIt() {
        List<String> ids = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        List<Item> items = ids.stream().map(id -> new Item(id, Attributes.of("genre", "x"), null)).toList();
        List<Event> events = new ArrayList<>();
        Map<String, UserProfile> profiles = new HashMap<>();
        MetaTrainSettings settings = MetaTrainSettings.DEFAULT;
        int training = 0, validation = 0;
        for (int u = 0; u < 200; u++) {
            String user = "user-" + u;
            profiles.put(user, new UserProfile(user, Attributes.of("age", "25")));
            boolean held = TrainingData.isValidationUser(user, settings.validationPercent());
            if (held) validation++; else training++;
            // training users love a and hate b; validation users say the opposite, which must not reach the baseline
            for (int i = 0; i < ids.size(); i++) {
                double v = i == 0 ? (held ? 1 : 5) : i == 1 ? (held ? 5 : 1) : 3;
                events.add(rating(user + "-" + i, user, ids.get(i), v, i));
            }
        }
        assertTrue(training > 100 && validation > 0, training + " training, " + validation + " validation users");
        TrainingData data = TrainingData.of(events, items, profiles);
        ItemBaseline b = MetaTrainService.challenger("run", Optional.empty(), data, settings, SERVING, TrainingGuards.DEFAULT, T).rank().baseline();
        double mu = (5 + 1 + 6 * 3) / 8.0;
        assertEquals(training * (5 - mu) / (training + LAMBDA), b.of("a"), 1e-9, "a: training users only");
        assertEquals(training * (1 - mu) / (training + LAMBDA), b.of("b"), 1e-9, "b: training users only");

        Checkpoint start = MetaTrainService.challenger("run", Optional.empty(), data, settings, SERVING, TrainingGuards.DEFAULT, T);
        TrainingRecipe<?> recipe = TrainingRecipes.of(start, items, settings, SERVING);
        Task<?> task = recipe.task("user-0", data.eventsByUser.get("user-0"), profiles.get("user-0")).orElseThrow();
        java.util.Set<Double> offsets = new java.util.TreeSet<>();
        for (Batch batch : List.of((Batch) task.support(), (Batch) task.query()))
            for (Example e : batch.examples()) offsets.add(e.offset());
        java.util.Set<Double> baselines = new java.util.TreeSet<>();
        for (String id : ids) baselines.add(b.of(id));
        assertTrue(baselines.containsAll(offsets) && offsets.size() >= 2,
                "every example's offset is its item's baseline: offsets " + offsets + ", baselines " + baselines);
    }
}
