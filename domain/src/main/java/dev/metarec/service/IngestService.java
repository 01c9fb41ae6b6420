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

/**
 * Ingests a validated batch: item upserts first (an item is recommendable on the next request, no
 * retraining), then profile upserts, then events. Each event is one conditional write; only a newly
 * stored event updates its item's statistics (count, positives, and the residual of the observed target
 * against the champion's attribute-based prediction for this user, the evidence {@link ItemWarmUp} turns
 * into a warm-up bias), so a redelivered event never adds twice. A crash between the event write and the
 * statistics update can only undercount, never double count.
 */
public final class IngestService {
    /** Counts of what a batch changed. */
    public record Result(int eventsStored, int eventsDuplicate, int itemsUpserted, int profilesUpserted) {}

    private final ChampionCache champion;
    private final EventStore events;
    private final CatalogStore catalog;
    private final UserProfileStore profiles;
    private final ItemStatsStore stats;
    private final CatalogueIndex catalogue;
    private final SupportSets targets;

    public IngestService(ChampionCache champion, EventStore events, CatalogStore catalog, UserProfileStore profiles,
                         ItemStatsStore stats, CatalogueIndex catalogue, ServiceSettings settings) {
        this.champion = champion;
        this.events = events;
        this.catalog = catalog;
        this.profiles = profiles;
        this.stats = stats;
        this.catalogue = catalogue;
        this.targets = new SupportSets(settings);
    }

    public Result ingest(IngestCommand cmd, Instant now) {
        for (Item item : cmd.items()) catalog.upsert(item);
        for (UserProfile p : cmd.profiles()) profiles.upsert(p);
        Optional<ServingModel> model = champion.current(now);
        Optional<CatalogueIndex.Snapshot> cat = model.map(catalogue::snapshot);
        Map<String, EncodedEntity> users = new HashMap<>();
        int stored = 0, duplicates = 0;
        for (Event e : cmd.events()) {
            if (!events.append(e, now)) { duplicates++; continue; }
            stored++;
            double residual = model.isPresent() ? residual(model.get(), cat.get(), e, users) : 0.0;
            stats.add(e.itemId(), 1, Double.isFinite(residual) ? residual : 0.0, targets.positive(e) ? 1 : 0);
        }
        if (stored > 0) catalogue.invalidateStats();
        return new Result(stored, duplicates, cmd.items().size(), cmd.profiles().size());
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
