package dev.metarec.it.security;

import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.it.flows.GenreWorld;
import dev.metarec.it.flows.TrainedModel;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.service.EraseService;
import dev.metarec.service.EventLogCodec;
import dev.metarec.service.ItemStatsLedger;
import dev.metarec.service.MetaTrainService;
import dev.metarec.service.MetaTrainSettings;
import dev.metarec.service.ServiceSettings;
import dev.metarec.service.TrainingGuards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 11.3 and 11.5 for meta-training on dynalite and s3proxy: the run's event-log snapshot in S3 holds at most
 * the per-user window of a user who flooded the events table; a user erased while the run is in progress is gone
 * from the snapshot (rewritten in S3) and from the run's tasks when it resumes.
 */
@ExtendWith(AwsServersExtension.class)
class TrainingErasureTest {

    @Test
    void theSnapshot_shouldHoldABoundedWindow_andLoseAUserErasedDuringTheRun(AwsServers servers) {
        AwsStores s = AwsStores.fresh(servers, "trainerase");
        GenreWorld world = new GenreWorld(20, 60, 12, 5);
        TrainedModel.install(world, s);
        Instant now = Instant.now();
        for (GenreWorld.Rating r : world.ratings)
            s.events().append(new Event(r.eventId(), r.userId(), r.itemId(), EventType.RATING, r.value(), r.timestamp()), now);
        for (int i = 0; i < 3_000; i++)
            s.events().append(new Event("flood-" + i, "flooder", world.items.get(i % 40).itemId(), EventType.RATING, 5.0, world.start.plusSeconds(i)), now);
        MetaTrainService service = new MetaTrainService(s.events(), s.catalog(), s.profiles(), s.checkpoints(), s.champion(), s.progress(),
                s.eventLog(), s.erasures(), new TrainingGuards(100, 100_000, 5, Duration.ofDays(2)), new CheckpointCodec(), MetaTrainSettings.DEMO,
                ServiceSettings.DEFAULT, Clock.systemUTC());

        MetaTrainService.Result started = service.run(Duration.ZERO);

        List<Event> snapshot = EventLogCodec.decode(s.eventLog().read(started.runId()).orElseThrow());
        assertEquals(100, snapshot.stream().filter(e -> e.userId().equals("flooder")).count(), "the flooder's 100 most recent events only");
        String victim = world.ratings.get(0).userId();
        assertTrue(snapshot.stream().anyMatch(e -> e.userId().equals(victim)));

        ItemStatsLedger ledger = new ItemStatsLedger(s.events(), s.itemStats(), s.contributions(), ItemStatsLedger.DEFAULT_LEASE, ItemStatsLedger.Hook.NONE);
        EraseService erase = new EraseService(s.events(), s.profiles(), s.fastWeights(), ledger, s.erasures(), EraseService.Settings.DEFAULT, Clock.systemUTC());
        assertTrue(erase.erase(victim).complete());
        MetaTrainService.Result resumed = service.run(Duration.ZERO);

        assertEquals(started.runId(), resumed.runId(), "the same run resumes");
        List<Event> after = EventLogCodec.decode(s.eventLog().read(started.runId()).orElseThrow());
        assertTrue(after.stream().noneMatch(e -> e.userId().equals(victim)), "the erased user's events left the snapshot in S3");
        assertEquals(snapshot.size() - snapshot.stream().filter(e -> e.userId().equals(victim)).count(), after.size());
        assertTrue(resumed.trainTasks() + resumed.validationTasks() < started.trainTasks() + started.validationTasks());
        System.out.printf("[figure] meta-train snapshot: flooder kept 100 of 3000 events; erased user's %d events dropped on resume%n",
                snapshot.size() - after.size());
    }
}
