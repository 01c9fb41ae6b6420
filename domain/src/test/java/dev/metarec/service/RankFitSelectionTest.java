package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** {@link RankFit#select}: the blend's validation users are the latest to arrive when their taste has moved. */
class RankFitSelectionTest {

    @Test
    void select_shouldChooseTheLatestUsers_whenTheyLikeWhatTheEarlierUsersMadeUnpopular() {
        Fixture f = new Fixture(60).trained();
        Checkpoint c = f.codec.decode(f.ports.checkpoints.read(f.ports.pointer.current().orElseThrow()).orElseThrow());
        List<Item> items = f.data.items();
        int half = items.size() / 2;
        Random random = new Random(5);
        List<Event> events = new ArrayList<>();
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        // 300 users, one a day. The first 200 begin anywhere in the catalogue and go on to the first half's few favourites:
        // for them popularity is the signal. The latest 100 begin in the second half and go on to its favourites: for
        // them the items' neighbours and the encoder are, and the popular items are what they no longer want.
        for (int u = 0; u < 300; u++) {
            boolean moved = u >= 200;
            Instant arrival = start.plus(Duration.ofDays(u));
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int e = 0; e < 40; e++) {
                int i;
                do {
                    int favourite = (int) Math.min(half - 1, Math.floor(-8 * Math.log(1 - random.nextDouble())));
                    if (moved) i = half + (e < 5 ? random.nextInt(items.size() - half) : favourite);   // their half, then its favourites
                    else i = e < 5 ? random.nextInt(items.size()) : favourite;   // anything, then the first half's favourites
                } while (!seen.add(i));
                events.add(new Event("u" + u + "-" + e, "u" + u, items.get(i).itemId(), EventType.RATING, 5.0, arrival.plus(Duration.ofMinutes(e))));
            }
        }
        TrainingData data = TrainingData.of(events, items, Map.of());
        assertEquals(RankFit.Validation.LATEST, RankFit.select(c, data, f.training, f.settings),
                "the hash sample is mostly earlier users, whose popular items the latest users no longer like");
    }
}
