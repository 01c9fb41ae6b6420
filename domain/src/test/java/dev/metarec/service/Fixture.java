package dev.metarec.service;

import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.checkpoint.FastWeightsCodec;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticDataset;
import dev.metarec.synthetic.SyntheticGenerator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** All services over in-memory ports, with a small synthetic world meta-trained into a champion. */
final class Fixture {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    final InMemoryPorts ports = new InMemoryPorts();
    final CheckpointCodec codec = new CheckpointCodec();
    final FastWeightsCodec fastCodec = new FastWeightsCodec();
    final ServiceSettings settings = ServiceSettings.DEFAULT.withRefresh(Duration.ZERO, Duration.ZERO);
    final MetaTrainSettings training = MetaTrainSettings.DEMO.withTargetSteps(60);
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final ChampionCache champion;
    final CatalogueIndex catalogue;
    final IngestService ingest;
    final AdaptService adapt;
    final RecommendService recommend;
    final EraseService erase;
    final MetaTrainService metaTrain;
    final SyntheticDataset data;

    Fixture(int users) { this(users, false); }

    /** @param clicksOnly keep only the implicit (click) events, as a mobile app without ratings would send */
    Fixture(int users, boolean clicksOnly) {
        champion = new ChampionCache(ports.pointer, ports.checkpoints, codec, settings.adaptSteps(), settings.championRefresh());
        catalogue = new CatalogueIndex(ports.catalog, ports.stats, settings);
        ingest = new IngestService(champion, ports.catalog, ports.profiles, catalogue, settings, ports.ledger(), ports.quota, IngestPolicy.DEFAULT);
        adapt = new AdaptService(champion, catalogue, ports.events, ports.profiles, ports.fast, fastCodec, settings);
        AtomicInteger ids = new AtomicInteger();
        recommend = new RecommendService(champion, catalogue, ports.events, ports.profiles, ports.fast, fastCodec, adapt, settings,
                () -> "rec-" + ids.incrementAndGet());
        erase = new EraseService(ports.events, ports.profiles, ports.fast, ports.ledger(), ports.erasures, EraseService.Settings.DEFAULT, clock);
        metaTrain = metaTrain(ports.checkpoints);
        data = SyntheticGenerator.generate(SyntheticConfig.small().withUsers(users), 3);
        for (Item i : data.items()) ports.catalog.upsert(i);
        for (UserProfile p : data.users()) ports.profiles.upsert(p);
        for (Event e : clicksOnly ? data.implicitEvents() : data.events()) ports.events.append(e, NOW);
    }

    MetaTrainService metaTrain(dev.metarec.port.CheckpointStore store) {
        return new MetaTrainService(ports.events, ports.catalog, ports.profiles, store, ports.pointer, ports.progress, codec,
                training, settings, clock);
    }

    /** Trains until a champion is promoted. */
    Fixture trained() {
        MetaTrainService.Result r = metaTrain.run(Duration.ofMinutes(5));
        if (r.status() != MetaTrainService.Status.PROMOTED) throw new IllegalStateException("bootstrap failed: " + r);
        return this;
    }
}
