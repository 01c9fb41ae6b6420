package dev.metarec.functions.local;

import dev.metarec.model.Attributes;
import dev.metarec.model.UserProfile;
import dev.metarec.service.CatalogueIndex;
import dev.metarec.service.ChampionCache;
import dev.metarec.service.ServingModel;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Loads the champion, encodes the catalogue and scores it once for an anonymous user at start-up
 * (after the demo bootstrap, when there is one), so the first request of a new container or Lambda
 * init does not pay for loading the model nor for running the scoring code cold. In a Lambda this runs
 * during init, before the first invocation (and before a SnapStart snapshot); on the local server
 * ({@code metarec.warmup.background=true}) it runs beside the HTTP server's own start on another core,
 * and a request that arrives first waits for the same load (the caches are synchronised) instead of
 * repeating it. A store that is not reachable yet is logged, not fatal: the first request retries.
 */
@Singleton
public class Warmup {
    private static final Logger LOG = Logger.getLogger(Warmup.class);

    @Inject ChampionCache champion;
    @Inject CatalogueIndex catalogue;
    @Inject Clock clock;
    @ConfigProperty(name = "metarec.warmup.background", defaultValue = "false") boolean background;

    void onStart(@Observes @Priority(2000) StartupEvent ev) {
        if (!background) {
            warmUp();
            return;
        }
        Thread t = new Thread(this::warmUp, "metarec-warmup");
        t.setDaemon(true);
        t.start();
    }

    private void warmUp() {
        long t0 = System.nanoTime();
        try {
            java.time.Instant now = clock.instant();
            champion.current(now).ifPresent(model -> {
                CatalogueIndex.Snapshot snapshot = catalogue.snapshot(model, now);
                long loaded = System.nanoTime();
                scoreOnce(model, snapshot);
                LOG.infof("warm-up: model %s and %d-item catalogue loaded in %d ms, scored once in %d ms", model.checkpointId(), snapshot.size(),
                        (loaded - t0) / 1_000_000, (System.nanoTime() - loaded) / 1_000_000);
            });
        } catch (RuntimeException e) {
            LOG.warnf("warm-up skipped, the first request will load the model: %s", e.getMessage());
        }
    }

    /** Runs the scoring code once (an anonymous user, the prior's weights), so it is loaded and profiled before the first request. */
    private static void scoreOnce(ServingModel model, CatalogueIndex.Snapshot snapshot) {
        var user = model.encodeUser(new UserProfile("warmup", Attributes.EMPTY));
        model.network().scoreAll(model.meta(), model.prior(), user, snapshot.encoded(), null, new double[snapshot.size()]);
    }
}
