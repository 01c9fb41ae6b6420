package dev.metarec.service;

import dev.metarec.features.EncodedEntity;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.Objective;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.EventStore;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.UserProfileStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Ingests a validated batch: item upserts first (an item is recommendable on the next request, no
 * retraining), then profile upserts, then events. Each event is one conditional write and updates its
 * item's statistics (count, positives, and the residual of the observed target against the champion's
 * attribute-based prediction for this user, the evidence {@link ItemWarmUp} turns into a warm-up bias)
 * exactly once through {@link ItemStatsLedger}: a redelivered event never adds twice, and a redelivery of an
 * event whose statistics update was cut off by a crash completes it.
 */
public final class IngestService {
    /** Counts of what a batch changed. */
    public record Result(int eventsStored, int eventsDuplicate, int itemsUpserted, int profilesUpserted) {}

    private final ChampionCache champion;
    private final CatalogStore catalog;
    private final UserProfileStore profiles;
    private final CatalogueIndex catalogue;
    private final SupportSets targets;
    private final ItemStatsLedger ledger;

    public IngestService(ChampionCache champion, EventStore events, CatalogStore catalog, UserProfileStore profiles,
                         ItemStatsStore stats, CatalogueIndex catalogue, ServiceSettings settings) {
        this(champion, catalog, profiles, catalogue, settings, new ItemStatsLedger(events, stats, ItemStatsLedger.DEFAULT_LEASE, ItemStatsLedger.Hook.NONE));
    }

    /** With a given ledger (its lease and, in tests, a failure-injecting hook). */
    public IngestService(ChampionCache champion, CatalogStore catalog, UserProfileStore profiles, CatalogueIndex catalogue,
                         ServiceSettings settings, ItemStatsLedger ledger) {
        this.champion = champion;
        this.catalog = catalog;
        this.profiles = profiles;
        this.catalogue = catalogue;
        this.targets = new SupportSets(settings);
        this.ledger = ledger;
    }

    public Result ingest(IngestCommand cmd, Instant now) {
        for (Item item : cmd.items()) catalog.upsert(item);
        for (UserProfile p : cmd.profiles()) profiles.upsert(p);
        Function<Event, ItemStatsLedger.Contribution> contribution = contributions(now);
        int stored = 0, duplicates = 0, added = 0;
        for (Event e : cmd.events()) {
            ItemStatsLedger.Recorded r = ledger.record(e, now, contribution);
            if (r.stored()) stored++; else duplicates++;
            if (r.statsAdded()) added++;
        }
        if (added > 0) catalogue.invalidateStats();
        return new Result(stored, duplicates, cmd.items().size(), cmd.profiles().size());
    }

    /**
     * Applies the item statistics of stored events whose delivery stopped part-way and was not completed
     * by a redelivery ({@link ItemStatsLedger#repair}); a scan of the events, run by the scheduled job.
     * Returns how many events' statistics were added.
     */
    public int repairStats(Instant now) {
        int added = ledger.repair(now, contributions(now));
        if (added > 0) catalogue.invalidateStats();
        return added;
    }

    /**
     * An event's contribution to its item's statistics: its residual against the champion's prior, and whether
     * it is positive. The champion and its encoded catalogue are looked up for the first contribution asked
     * for, so a batch of duplicates, or a repair that finds nothing to apply, does not load them.
     */
    private Function<Event, ItemStatsLedger.Contribution> contributions(Instant now) {
        Map<String, EncodedEntity> users = new HashMap<>();
        PriorOnDemand prior = new PriorOnDemand(now);
        return ev -> new ItemStatsLedger.Contribution(
                prior.get().map(p -> residual(p.model(), p.catalogue(), ev, users)).orElse(0.0), targets.positive(ev));
    }

    private record Prior(ServingModel model, CatalogueIndex.Snapshot catalogue) {}

    /** The champion (if any) with its encoded catalogue, looked up once, on first use. */
    private final class PriorOnDemand {
        private final Instant now;
        private Optional<Prior> prior;

        PriorOnDemand(Instant now) { this.now = now; }

        Optional<Prior> get() {
            if (prior == null) prior = champion.current(now).map(m -> new Prior(m, catalogue.snapshot(m, now)));
            return prior;
        }
    }

    /** Observed target minus the prior prediction (probability for the implicit objectives). */
    private double residual(ServingModel m, CatalogueIndex.Snapshot cat, Event e, Map<String, EncodedEntity> users) {
        EncodedEntity u = users.computeIfAbsent(e.userId(), id -> m.encodeUser(profiles.find(id).orElse(new UserProfile(id, null))));
        Integer at = cat.position().get(e.itemId());
        EncodedEntity item = at != null ? cat.encoded().get(at) : m.encodeItem(catalog.find(e.itemId()).orElse(new Item(e.itemId(), null, null)));
        double score = m.priorScore(u, item);
        double prediction = m.objective() == Objective.SQUARED_ERROR ? score : m.network().prediction(score);
        return targets.target(e, m.objective()) - prediction;
    }
}
