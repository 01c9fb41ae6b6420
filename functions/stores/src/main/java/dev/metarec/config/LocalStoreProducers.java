package dev.metarec.config;

import dev.metarec.adapter.local.LocalStores;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.ChampionPointer;
import dev.metarec.port.CheckpointStore;
import dev.metarec.port.EventStore;
import dev.metarec.port.FastWeightStore;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.TrainingProgressStore;
import dev.metarec.port.UserProfileStore;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;

/**
 * The ports over the embedded local store, active when the build property {@code metarec.store} is
 * {@code local} or unset. The AWS producers are active for {@code metarec.store=aws}. Data lives in
 * {@code metarec.local.dir} (default {@code .metarec} in the working directory).
 */
@Singleton
@IfBuildProperty(name = "metarec.store", stringValue = "local", enableIfMissing = true)
public class LocalStoreProducers {

    @Produces
    @Singleton
    LocalStores stores(@ConfigProperty(name = "metarec.local.dir", defaultValue = ".metarec") String dir) {
        return new LocalStores(Path.of(dir));
    }

    void close(@Disposes LocalStores stores) { stores.close(); }

    @Produces @Singleton EventStore events(LocalStores s) { return s.events; }

    @Produces @Singleton CatalogStore catalog(LocalStores s) { return s.catalog; }

    @Produces @Singleton ItemStatsStore itemStats(LocalStores s) { return s.itemStats; }

    @Produces @Singleton UserProfileStore profiles(LocalStores s) { return s.profiles; }

    @Produces @Singleton FastWeightStore fastWeights(LocalStores s) { return s.fastWeights; }

    @Produces @Singleton ChampionPointer champion(LocalStores s) { return s.champion; }

    @Produces @Singleton CheckpointStore checkpoints(LocalStores s) { return s.checkpoints; }

    @Produces @Singleton TrainingProgressStore progress(LocalStores s) { return s.progress; }

    @Produces @Singleton dev.metarec.port.EventLogStore eventLog(LocalStores s) { return s.eventLog; }

    @Produces @Singleton dev.metarec.port.ItemContributionStore contributions(LocalStores s) { return s.contributions; }

    @Produces @Singleton dev.metarec.port.EventQuota quota(LocalStores s) { return s.quota; }

    @Produces @Singleton dev.metarec.port.ErasureLog erasures(LocalStores s) { return s.erasures; }
}
