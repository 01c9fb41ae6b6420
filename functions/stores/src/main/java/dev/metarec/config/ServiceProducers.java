package dev.metarec.config;

import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.checkpoint.FastWeightsCodec;
import dev.metarec.meta.Learner;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.ChampionPointer;
import dev.metarec.port.CheckpointStore;
import dev.metarec.port.ErasureLog;
import dev.metarec.port.EventQuota;
import dev.metarec.port.ItemContributionStore;
import dev.metarec.port.EventStore;
import dev.metarec.port.FastWeightStore;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.TrainingProgressStore;
import dev.metarec.port.UserProfileStore;
import dev.metarec.service.AdaptService;
import dev.metarec.service.CatalogueIndex;
import dev.metarec.service.ChampionCache;
import dev.metarec.service.EraseService;
import dev.metarec.service.IngestPolicy;
import dev.metarec.service.IngestService;
import dev.metarec.service.ItemStatsLedger;
import dev.metarec.service.TrainingGuards;
import dev.metarec.service.Limits;
import dev.metarec.service.MetaTrainService;
import dev.metarec.service.MetaTrainSettings;
import dev.metarec.service.RecommendService;
import dev.metarec.service.ServiceSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** The domain services wired to whichever store's ports are active. Settings come from {@code metarec.*} configuration. */
@Singleton
public class ServiceProducers {

    @Produces @Singleton Clock clock() { return Clock.systemUTC(); }

    @Produces @Singleton CheckpointCodec checkpointCodec() { return new CheckpointCodec(); }

    @Produces @Singleton FastWeightsCodec fastWeightsCodec() { return new FastWeightsCodec(); }

    @Produces @Singleton Limits limits(
            @ConfigProperty(name = "metarec.limits.max-batch", defaultValue = "500") int maxBatch,
            @ConfigProperty(name = "metarec.limits.max-id-length", defaultValue = "128") int maxIdLength,
            @ConfigProperty(name = "metarec.limits.max-attributes", defaultValue = "32") int maxAttributes,
            @ConfigProperty(name = "metarec.limits.max-k", defaultValue = "100") int maxK,
            @ConfigProperty(name = "metarec.limits.min-rating", defaultValue = "0") double minRating,
            @ConfigProperty(name = "metarec.limits.max-rating", defaultValue = "5") double maxRating) {
        Limits d = Limits.DEFAULT;
        return new Limits(maxBatch, maxIdLength, maxAttributes, d.maxValuesPerAttribute(), d.maxNameLength(), d.maxValueLength(),
                d.maxPayloadChars(), maxK, d.maxListSize(), d.maxFutureSkewSeconds(), minRating, maxRating);
    }

    @Produces @Singleton ServiceSettings serviceSettings(
            @ConfigProperty(name = "metarec.serving.adapt-steps", defaultValue = "5") int adaptSteps,
            @ConfigProperty(name = "metarec.serving.category-attribute", defaultValue = "genre") String category,
            @ConfigProperty(name = "metarec.serving.champion-refresh", defaultValue = "PT5S") Duration championRefresh,
            @ConfigProperty(name = "metarec.serving.stats-refresh", defaultValue = "PT2S") Duration statsRefresh,
            @ConfigProperty(name = "metarec.serving.exact-scoring-limit", defaultValue = "2000") int exactScoringLimit,
            @ConfigProperty(name = "metarec.serving.rerank-size", defaultValue = "300") int rerankSize) {
        return ServiceSettings.DEFAULT.withAdaptSteps(adaptSteps).withCategoryAttribute(category).withRefresh(championRefresh, statsRefresh)
                .withScoring(exactScoringLimit, rerankSize);
    }

    @Produces @Singleton MetaTrainSettings metaTrainSettings(
            @ConfigProperty(name = "metarec.training.size", defaultValue = "melu") String size,
            @ConfigProperty(name = "metarec.training.learner", defaultValue = "FIRST_ORDER_MAML") Learner learner,
            @ConfigProperty(name = "metarec.training.target-steps", defaultValue = "0") int targetSteps,
            @ConfigProperty(name = "metarec.training.threads", defaultValue = "0") int threads,
            @ConfigProperty(name = "metarec.training.support-shrinkage", defaultValue = "-1") double supportShrinkage) {
        MetaTrainSettings s = "demo".equals(size) ? MetaTrainSettings.DEMO : MetaTrainSettings.DEFAULT;
        int t = threads > 0 ? threads : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        return new MetaTrainSettings(s.embeddingDim(), s.hiddenWidths(), learner, s.innerSteps(), s.innerLr(), s.metaLr(),
                s.metaBatchSize(), t, s.seed(), targetSteps > 0 ? targetSteps : s.targetSteps(), s.minEvents(), s.queryFraction(),
                s.maxQuery(), s.validationPercent(), s.maxValidationUsers(), s.promotionMargin(), s.checkpointEvery(),
                supportShrinkage >= 0 ? supportShrinkage : s.supportShrinkage());
    }

    @Produces @Singleton ChampionCache champion(ChampionPointer pointer, CheckpointStore checkpoints, CheckpointCodec codec, ServiceSettings s) {
        return new ChampionCache(pointer, checkpoints, codec, s.adaptSteps(), s.championRefresh());
    }

    @Produces @Singleton CatalogueIndex catalogue(CatalogStore catalog, ItemStatsStore stats, ServiceSettings s) {
        return new CatalogueIndex(catalog, stats, s);
    }

    @Produces @Singleton IngestPolicy ingestPolicy(Limits limits,
            @ConfigProperty(name = "metarec.limits.max-events-per-user-per-day", defaultValue = "2000") int perDay) {
        return new IngestPolicy(perDay, limits.maxRating() - limits.minRating());
    }

    @Produces @Singleton ItemStatsLedger ledger(EventStore events, ItemStatsStore stats, ItemContributionStore contributions, IngestPolicy policy) {
        return new ItemStatsLedger(events, stats, contributions, ItemStatsLedger.DEFAULT_LEASE, policy.maxResidual(), ItemStatsLedger.Hook.NONE);
    }

    @Produces @Singleton IngestService ingest(ChampionCache champion, CatalogStore catalog, UserProfileStore profiles, CatalogueIndex index,
                                              ServiceSettings s, ItemStatsLedger ledger, EventQuota quota, IngestPolicy policy) {
        return new IngestService(champion, catalog, profiles, index, s, ledger, quota, policy);
    }

    @Produces @Singleton AdaptService adapt(ChampionCache champion, CatalogueIndex index, EventStore events, UserProfileStore profiles,
                                            FastWeightStore fastWeights, FastWeightsCodec codec, ServiceSettings s) {
        return new AdaptService(champion, index, events, profiles, fastWeights, codec, s);
    }

    @Produces @Singleton RecommendService recommend(ChampionCache champion, CatalogueIndex index, EventStore events, UserProfileStore profiles,
                                                    FastWeightStore fastWeights, FastWeightsCodec codec, AdaptService adapt, ServiceSettings s) {
        SecureRandom random = new SecureRandom();
        return new RecommendService(champion, index, events, profiles, fastWeights, codec, adapt, s,
                () -> new UUID(random.nextLong(), random.nextLong()).toString());
    }

    @Produces @Singleton EraseService erase(EventStore events, UserProfileStore profiles, FastWeightStore fastWeights, ItemStatsLedger ledger,
            ErasureLog erasures, Clock clock,
            @ConfigProperty(name = "metarec.erase.budget", defaultValue = "PT20S") Duration budget,
            @ConfigProperty(name = "metarec.erase.max-per-call", defaultValue = "5000") int maxPerCall,
            @ConfigProperty(name = "metarec.erase.tombstone", defaultValue = "PT30S") Duration tombstone) {
        return new EraseService(events, profiles, fastWeights, ledger, erasures, new EraseService.Settings(budget, maxPerCall, tombstone), clock);
    }

    @Produces @Singleton TrainingGuards trainingGuards(Limits limits,
            @ConfigProperty(name = "metarec.training.max-events-per-user", defaultValue = "500") int perUser,
            @ConfigProperty(name = "metarec.training.max-events", defaultValue = "2000000") int max,
            @ConfigProperty(name = "metarec.training.profile-min-count", defaultValue = "5") int profileMinCount,
            @ConfigProperty(name = "metarec.training.max-run-age", defaultValue = "P2D") Duration maxRunAge) {
        return new TrainingGuards(perUser, max, profileMinCount, maxRunAge, limits.minRating(), limits.maxRating());
    }

    @Produces @Singleton MetaTrainService metaTrain(EventStore events, CatalogStore catalog, UserProfileStore profiles, CheckpointStore checkpoints,
                                                    ChampionPointer pointer, TrainingProgressStore progress, dev.metarec.port.EventLogStore eventLog,
                                                    ErasureLog erasures, TrainingGuards guards, CheckpointCodec codec, MetaTrainSettings settings,
                                                    ServiceSettings serving, Clock clock) {
        return new MetaTrainService(events, catalog, profiles, checkpoints, pointer, progress, eventLog, erasures, guards, codec, settings, serving, clock);
    }
}
