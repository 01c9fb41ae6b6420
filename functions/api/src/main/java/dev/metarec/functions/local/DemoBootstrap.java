package dev.metarec.functions.local;

import dev.metarec.adapter.local.LocalStores;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.ChampionPointer;
import dev.metarec.port.EventStore;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.UserProfileStore;
import dev.metarec.rank.Recency;
import dev.metarec.service.ChampionCache;
import dev.metarec.service.MetaTrainService;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * First local start: when no champion exists and {@code metarec.bootstrap.enabled=true} (the local and
 * test profiles), loads demo data into an empty store (generated, or the MovieLens directory in
 * {@code metarec.bootstrap.movielens-dir}) and meta-trains until a champion is promoted, so the
 * service answers at once. Later starts find the champion and skip all of this.
 */
@Singleton
public class DemoBootstrap {
    private static final Logger LOG = Logger.getLogger(DemoBootstrap.class);

    @ConfigProperty(name = "metarec.bootstrap.enabled", defaultValue = "false") boolean enabled;
    @ConfigProperty(name = "metarec.bootstrap.movielens-dir") Optional<String> movieLensDir;
    @ConfigProperty(name = "metarec.bootstrap.seed", defaultValue = "7") long seed;
    @ConfigProperty(name = "metarec.bootstrap.max-runs", defaultValue = "50") int maxRuns;

    @Inject ChampionPointer pointer;
    @Inject CatalogStore catalog;
    @Inject EventStore events;
    @Inject UserProfileStore profiles;
    @Inject ItemStatsStore stats;
    @Inject MetaTrainService metaTrain;
    @Inject ChampionCache champion;
    @Inject Clock clock;
    @Inject Instance<LocalStores> local;

    void onStart(@Observes @Priority(1000) StartupEvent ev) {
        if (!enabled || pointer.current().isPresent()) return;
        if (catalog.version() == 0) load();
        for (int run = 0; run < maxRuns && pointer.current().isEmpty(); run++) {
            MetaTrainService.Result r = metaTrain.run(Duration.ofMinutes(5));
            LOG.infof("bootstrap meta-train: %s at step %d/%d on %d tasks (%s)", r.status(), r.step(), r.targetSteps(), r.trainTasks(), r.message());
            if (r.status() == MetaTrainService.Status.NO_DATA || r.status() == MetaTrainService.Status.FAILED) break;
        }
        champion.refresh(clock.instant());
    }

    private void load() {
        DemoData data;
        try {
            data = movieLensDir.isPresent() ? MovieLens.read(Path.of(movieLensDir.get())) : DemoData.synthetic(seed);
        } catch (IOException e) {
            throw new UncheckedIOException("can't read the MovieLens directory " + movieLensDir.orElse(""), e);
        }
        Duration shift = data.shiftTo(clock.instant());
        LOG.infof("loading demo data: %d items, %d profiles, %d events from %s, their times moved by %d days so that the latest is now",
                data.items().size(), data.profiles().size(), data.events().size(), data.source(), shift.toDays());
        DemoData loaded = data.shiftedBy(shift);
        Runnable writes = () -> {
            for (Item i : loaded.items()) catalog.upsert(i);
            for (UserProfile p : loaded.profiles()) profiles.upsert(p);
            Map<String, long[]> counts = new HashMap<>();   // item -> {events, positives}
            Map<String, Double> recent = new HashMap<>();   // item -> the positives' forward-decayed sum
            for (Event e : loaded.events()) {
                if (!events.append(e, clock.instant())) continue;
                events.markStatsApplied(e.userId(), e.eventId());   // counted in bulk below, in the same commit
                long[] c = counts.computeIfAbsent(e.itemId(), k -> new long[2]);
                c[0]++;
                if (e.type() != EventType.RATING || e.value() >= 4.0) {
                    c[1]++;
                    recent.merge(e.itemId(), Recency.weight(e.timestamp()), Double::sum);
                }
            }
            counts.forEach((item, c) -> stats.add(item, c[0], 0.0, c[1], recent.getOrDefault(item, 0.0)));
        };
        if (local.isResolvable()) local.get().db.bulk(writes);
        else writes.run();
    }
}
