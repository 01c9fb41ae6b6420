package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.port.ItemStatsStore.ItemStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 14's parity: what the evaluation tool trains and ranks with ({@link OfflineTraining}, {@link OfflineServing})
 * is what production promotes and serves (MetaTrainService -> checkpoint store -> RecommendService), bit for bit.
 * The one difference by design: recommend serves stored fast weights when it has them (quantised by the fast-weights
 * codec); the offline path always adapts on the fly, as recommend does for a user without stored weights.
 */
class ServedParityTest {

    @Test
    void offlineTraining_shouldProduceTheCheckpointMetaTrainPromotes_andOfflineServing_theListRecommendServes() {
        Fixture f = new Fixture(60);
        Map<String, long[]> counts = new HashMap<>();
        for (Event e : f.data.events()) counts.computeIfAbsent(e.itemId(), k -> new long[2])[0]++;
        counts.forEach((item, c) -> f.ports.stats.add(item, c[0], 0.0, c[0] / 2, 0.0));

        MetaTrainService.Result r = f.metaTrain.run(Duration.ofMinutes(5));
        assertEquals(MetaTrainService.Status.PROMOTED, r.status(), r.toString());
        Checkpoint promoted = f.codec.decode(f.ports.checkpoints.read(r.checkpointId()).orElseThrow());
        assertFalse(promoted.rank().isNone(), "meta-training fits the rank prior");
        assertFalse(promoted.rank().neighbours().isEmpty());
        assertFalse(promoted.rank().forward().isEmpty(), "and the forward neighbours");

        Map<String, UserProfile> profiles = f.data.users().stream().collect(Collectors.toMap(UserProfile::userId, p -> p));
        Checkpoint offline = OfflineTraining.train(r.checkpointId(), f.data.events(), f.data.items(), profiles, f.training, f.settings,
                TrainingGuards.DEFAULT, Fixture.NOW);
        assertArrayEquals(promoted.params().toArray(), offline.params().toArray(), "the same parameters, bit for bit");
        assertEquals(promoted.rank(), offline.rank());
        assertEquals(promoted.config(), offline.config());
        assertEquals(promoted.metadata().metrics(), offline.metadata().metrics());

        // a new user, served by recommend (no stored weights: it adapts on the fly) and by the offline path
        List<Item> items = new ArrayList<>(f.data.items());
        items.sort(Comparator.comparing(Item::itemId));
        UserProfile newcomer = new UserProfile("parity-user", f.data.users().get(0).attributes());
        f.ports.profiles.upsert(newcomer);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 5; i++)
            events.add(new Event("p" + i, newcomer.userId(), items.get(3 * i + 1).itemId(), EventType.RATING, i % 2 == 0 ? 5.0 : 2.0,
                    Fixture.NOW.minusSeconds(100 - i)));
        events.forEach(e -> f.ports.events.append(e, Fixture.NOW));
        Recommendation served = f.recommend.recommend(RecommendCommand.of(newcomer.userId(), 20, null, null, null, null, null, Limits.DEFAULT), Fixture.NOW);
        assertEquals(Recommendation.Mode.ADAPTED, served.mode());

        Set<String> seen = events.stream().map(Event::itemId).collect(Collectors.toSet());
        List<String> candidates = items.stream().map(Item::itemId).filter(id -> !seen.contains(id)).toList();
        List<Event> newestFirst = new ArrayList<>(events);
        newestFirst.sort(Comparator.comparing(Event::timestamp).reversed());
        Map<String, ItemStats> stats = f.catalogue.stats(Fixture.NOW);
        OfflineServing.Scores s = new OfflineServing(promoted, f.settings, f.data.items()).score(newcomer, newestFirst, stats, candidates, Fixture.NOW, 20);
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> s.order()[a] != s.order()[b] ? Double.compare(s.order()[b], s.order()[a]) : Integer.compare(a, b));
        ServingModel model = new ServingModel(promoted, f.settings.adaptSteps());
        assertEquals(20, served.items().size());
        for (int slot = 0; slot < 20; slot++) {   // both pages of ten calibrated alike
            Recommendation.RecommendedItem item = served.items().get(slot);
            assertEquals(candidates.get(order[slot]), item.itemId(), "slot " + slot);
            assertEquals(model.shownPrediction(s.network()[order[slot]]), item.score(), 0.0, "slot " + slot + ": the same shown prediction");
        }
        assertNotEquals(0.0, s.order()[order[0]] - s.order()[order[9]], "a real order, not ties");
    }
}
