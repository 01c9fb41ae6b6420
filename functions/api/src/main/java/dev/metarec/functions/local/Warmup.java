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
        long t0 = System.nanoTime();
        try {
            champion.current(clock.instant()).ifPresent(catalogue::snapshot);
            LOG.infof("warm-up: model and catalogue ready in %d ms (JVM up %d ms)", (System.nanoTime() - t0) / 1_000_000,
                    java.time.Duration.between(ProcessHandle.current().info().startInstant().orElseThrow(), java.time.Instant.now()).toMillis());
        } catch (RuntimeException e) {
            LOG.warnf("warm-up skipped, the first request will load the model: %s", e.getMessage());
        }
    }
}
