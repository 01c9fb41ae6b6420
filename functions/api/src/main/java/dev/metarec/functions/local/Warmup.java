package dev.metarec.functions.local;

import dev.metarec.service.CatalogueIndex;
import dev.metarec.service.ChampionCache;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Loads the champion and encodes the catalogue at start-up (after the demo bootstrap, when there is
 * one), so the first request of a new container or Lambda init does not pay for it. A store that is
 * not reachable yet is logged, not fatal: the first request retries.
 */
@Singleton
public class Warmup {
    private static final Logger LOG = Logger.getLogger(Warmup.class);

    @Inject ChampionCache champion;
    @Inject CatalogueIndex catalogue;
    @Inject Clock clock;

    void onStart(@Observes @Priority(2000) StartupEvent ev) {
        try {
            java.time.Instant now = clock.instant();
            champion.current(now).ifPresent(m -> catalogue.snapshot(m, now));
        } catch (RuntimeException e) {
            LOG.warnf("warm-up skipped, the first request will load the model: %s", e.getMessage());
        }
    }
}
