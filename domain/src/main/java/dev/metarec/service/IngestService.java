package dev.metarec.service;

import dev.metarec.features.EncodedEntity;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.Objective;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.EventQuota;
import dev.metarec.port.EventStore;
import dev.metarec.port.ItemContributionStore;
import dev.metarec.port.ItemStatsStore;
import dev.metarec.port.UserProfileStore;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Ingests a validated batch: the users' daily quotas first (all of the batch or nothing), then item upserts
 * (an item is recommendable on the next request, no retraining), then profile upserts, then events. Each event is
 * one conditional write and updates its item's statistics (count, positives, and the residual of the observed
 * target against the champion's attribute-based prediction for this user, the evidence {@link ItemWarmUp} turns
 * into a warm-up bias) through {@link ItemStatsLedger}: one contribution per (user, item), the latest event's, with a
 * bounded residual; a redelivered event never adds twice, and a redelivery of an event whose statistics update was
 * cut off by a crash completes it. Events for items not in the catalogue are stored (they are the user's history)
 * but change no statistics.
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
    private final EventQuota quota;
    private final IngestPolicy policy;

    public IngestService(ChampionCache champion, EventStore events, CatalogStore catalog, UserProfileStore profiles, ItemStatsStore stats,
                         ItemContributionStore contributions, EventQuota quota, CatalogueIndex catalogue, ServiceSettings settings, IngestPolicy policy) {
        this(champion, catalog, profiles, catalogue, settings, new ItemStatsLedger(events, stats, contributions, ItemStatsLedger.DEFAULT_LEASE,
                policy.maxResidual(), ItemStatsLedger.Hook.NONE), quota, policy);
    }

    /** With a given ledger (its lease and, in tests, a failure-injecting hook). */
    public IngestService(ChampionCache champion, CatalogStore catalog, UserProfileStore profiles, CatalogueIndex catalogue,
                         ServiceSettings settings, ItemStatsLedger ledger, EventQuota quota, IngestPolicy policy) {
        this.champion = champion;
        this.catalog = catalog;
        this.profiles = profiles;
        this.catalogue = catalogue;
        this.targets = new SupportSets(settings);
        this.ledger = ledger;
        this.quota = quota;
        this.policy = policy;
    }

    /** Ingests a batch whose events count against their users' daily quotas. */
    public Result ingest(IngestCommand cmd, Instant now) { return ingest(cmd, now, false); }

    /**
     * Ingests a batch. Unless {@code quotaExempt} (an admin's bulk import), each user's events are first reserved
     * against their daily quota, all of them or none: a batch that would exceed it is refused before anything is
     * written ({@link QuotaExceededException}); events that turn out to be redeliveries are given back.
     */
    public Result ingest(IngestCommand cmd, Instant now, boolean quotaExempt) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, Integer> perUser = quotaExempt || policy.maxEventsPerUserPerDay() == 0 ? Map.of() : perUser(cmd);
        reserve(perUser, day, now);
        for (Item item : cmd.items()) catalog.upsert(item);
        for (UserProfile p : cmd.profiles()) profiles.upsert(p);
        Function<Event, ItemStatsLedger.Contribution> contribution = contributions(now);
        int stored = 0, duplicates = 0, added = 0;
        Map<String, Integer> redelivered = new HashMap<>();
        for (Event e : cmd.events()) {
            ItemStatsLedger.Recorded r = ledger.record(e, now, contribution);
            if (r.stored()) stored++;
            else {
                duplicates++;
                redelivered.merge(e.userId(), 1, Integer::sum);
            }
            if (r.statsAdded()) added++;
        }
        redelivered.forEach((user, n) -> { if (perUser.containsKey(user)) quota.release(user, day, n); });
        if (added > 0) catalogue.invalidateStats();
        return new Result(stored, duplicates, cmd.items().size(), cmd.profiles().size());
    }

    private static Map<String, Integer> perUser(IngestCommand cmd) {
        Map<String, Integer> n = new TreeMap<>();
        for (Event e : cmd.events()) n.merge(e.userId(), 1, Integer::sum);
        return n;
    }

    /** Reserves every user's events, or none (what was reserved is given back) and throws. */
    private void reserve(Map<String, Integer> perUser, LocalDate day, Instant now) {
        int limit = policy.maxEventsPerUserPerDay();
        Instant midnight = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Integer> reserved = new HashMap<>();
        for (Map.Entry<String, Integer> u : perUser.entrySet()) {
            if (quota.reserve(u.getKey(), day, u.getValue(), limit, midnight.plus(Duration.ofDays(1)))) {
                reserved.put(u.getKey(), u.getValue());
                continue;
            }
            reserved.forEach((user, n) -> quota.release(user, day, n));
            long retryAfter = Math.max(1, Duration.between(now, midnight).toSeconds());
            throw new QuotaExceededException("events", "at most " + limit + " events per user per UTC day",
                    "this request's " + u.getValue() + " events for one user would pass the daily quota of " + limit
                            + "; nothing was stored; try again after 00:00 UTC", retryAfter);
        }
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
     * it is positive; null for an event whose item is not in the catalogue (stored, but no statistics: a client must
     * not create statistics rows for ids it makes up). The champion and its encoded catalogue are looked up for the
     * first contribution asked for, so a batch of duplicates, or a repair that finds nothing to apply, does not load them.
     */
    private Function<Event, ItemStatsLedger.Contribution> contributions(Instant now) {
        Map<String, EncodedEntity> users = new HashMap<>();
        Map<String, Boolean> known = new HashMap<>();
        PriorOnDemand prior = new PriorOnDemand(now);
        return ev -> {
            if (!known.computeIfAbsent(ev.itemId(), id -> inCatalogue(prior, id))) return null;
            return new ItemStatsLedger.Contribution(
                    prior.get().map(p -> residual(p.model(), p.catalogue(), ev, users)).orElse(0.0), targets.positive(ev));
        };
    }

    /** Whether the item is in the catalogue: in the champion's snapshot, else (new since the snapshot, or no champion) in the store. */
    private boolean inCatalogue(PriorOnDemand prior, String itemId) {
        if (prior.get().map(p -> p.catalogue().position().containsKey(itemId)).orElse(false)) return true;
        return catalog.find(itemId).isPresent();
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

    /** Observed target minus the prior prediction with the item's baseline (probability for the implicit objectives). */
    private double residual(ServingModel m, CatalogueIndex.Snapshot cat, Event e, Map<String, EncodedEntity> users) {
        EncodedEntity u = users.computeIfAbsent(e.userId(), id -> m.encodeUser(profiles.find(id).orElse(new UserProfile(id, null))));
        Integer at = cat.position().get(e.itemId());
        EncodedEntity item = at != null ? cat.encoded().get(at) : m.encodeItem(catalog.find(e.itemId()).orElse(new Item(e.itemId(), null, null)));
        double score = m.priorScore(u, item, e.itemId());
        double prediction = m.objective() == Objective.SQUARED_ERROR ? score : m.network().prediction(score);
        return targets.target(e, m.objective()) - prediction;
    }
}
