package dev.metarec.service;

import dev.metarec.meta.Task;
import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.ErasureLog;
import dev.metarec.port.EventStore;
import dev.metarec.port.UserProfileStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of what meta-training learns from (events by user, catalogue, profiles), and the user
 * tasks built from it by the model's {@link TrainingRecipe}. Users are split into training and validation
 * by a hash of the id, so the split is stable across runs.
 */
final class TrainingData {
    private static final System.Logger LOG = System.getLogger(TrainingData.class.getName());
    final Map<String, List<Event>> eventsByUser;
    final List<Item> items;
    final Map<String, UserProfile> profiles;
    final List<Event> allEvents;

    private TrainingData(Map<String, List<Event>> eventsByUser, List<Item> items, Map<String, UserProfile> profiles, List<Event> all) {
        this.eventsByUser = eventsByUser;
        this.items = items;
        this.profiles = profiles;
        this.allEvents = all;
    }

    static TrainingData read(EventStore events, CatalogStore catalog, UserProfileStore profiles) {
        return read(events, catalog, profiles, TrainingGuards.DEFAULT);
    }

    /**
     * The events table through a {@link TrainingWindow} (each user's most recent events; a sample of users when they
     * do not fit), with the current catalogue and profiles.
     */
    static TrainingData read(EventStore events, CatalogStore catalog, UserProfileStore profiles, TrainingGuards guards) {
        TrainingWindow window = new TrainingWindow(guards);
        events.forEach(window);
        List<Event> kept = window.events();
        warnRefused(window, guards);
        if (kept.size() + window.refusedEvents() < window.seenEvents())
            LOG.log(System.Logger.Level.WARNING, "meta-train data bounded: kept {0} of {1} events ({2} users kept, {3} sampled out; "
                    + "at most {4} recent events per user, {5} in all)", kept.size(), window.seenEvents(), window.keptUsers(),
                    window.droppedUsers(), guards.maxEventsPerUser(), guards.maxEvents());
        return of(kept, catalog, profiles);
    }

    /**
     * This data without the users whose {@link ErasureLog#fingerprint} is in {@code erased} (erased since the run
     * started); {@code this} when none of them is here.
     */
    TrainingData without(java.util.Set<String> erased) {
        if (erased.isEmpty()) return this;
        Map<String, List<Event>> byUser = new TreeMap<>();
        eventsByUser.forEach((u, l) -> { if (!erased.contains(ErasureLog.fingerprint(u))) byUser.put(u, l); });
        if (byUser.size() == eventsByUser.size()) return this;
        List<Event> all = new ArrayList<>();
        byUser.values().forEach(all::addAll);
        Map<String, UserProfile> ps = new HashMap<>(profiles);
        ps.keySet().removeIf(u -> !byUser.containsKey(u) && eventsByUser.containsKey(u));
        return new TrainingData(byUser, items, ps, all);
    }

    /** From {@code all} (e.g. a run's event-log snapshot), with the current catalogue and profiles. */
    static TrainingData of(List<Event> all, CatalogStore catalog, UserProfileStore profiles) {
        Map<String, UserProfile> ps = new HashMap<>();
        profiles.forEach(p -> ps.put(p.userId(), p));
        return of(all, catalog.all(), ps);
    }

    /** From {@code all} with a catalogue and the profiles by user id. */
    static TrainingData of(List<Event> all, java.util.Collection<Item> catalogue, Map<String, UserProfile> profiles) {
        Map<String, List<Event>> byUser = new TreeMap<>();
        all.forEach(e -> byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e));
        byUser.values().forEach(l -> l.sort(TrainingRecipes.OLDEST_FIRST));
        List<Item> items = new ArrayList<>(catalogue);
        items.sort(Comparator.comparing(Item::itemId));
        return new TrainingData(byUser, items, new HashMap<>(profiles), all);
    }

    /** {@code events} through the same {@link TrainingWindow} as {@link #read}, with a catalogue and profiles. */
    static TrainingData windowed(Iterable<Event> events, java.util.Collection<Item> catalogue, Map<String, UserProfile> profiles, TrainingGuards guards) {
        TrainingWindow window = new TrainingWindow(guards);
        events.forEach(window);
        warnRefused(window, guards);
        return of(window.events(), catalogue, profiles);
    }

    private static void warnRefused(TrainingWindow window, TrainingGuards guards) {
        if (window.refusedEvents() > 0)
            LOG.log(System.Logger.Level.WARNING, "meta-train left out {0} of {1} events that ingest would refuse (ratings outside [{2}, {3}])",
                    window.refusedEvents(), window.seenEvents(), guards.minRating(), guards.maxRating());
    }

    UserProfile profile(String userId) { return profiles.getOrDefault(userId, new UserProfile(userId, null)); }

    /**
     * Trial ({@code -Dmetarec.train.hold-latest=true}; off): the latest users to arrive ({@link RankFit#blendUsers} under
     * {@code LATEST}) are left out of meta-training too, so that a blend fitted on them weighs a network that never saw them.
     */
    static final boolean HOLD_LATEST = Boolean.getBoolean("metarec.train.hold-latest");

    static boolean isValidationUser(String userId, int percent) { return Math.floorMod(userId.hashCode() * 0x9E3779B1, 100) < percent; }

    /**
     * Tasks of the training (validation = false) or validation users, built by {@code recipe}, in user-id
     * order; at most {@code maxValidationUsers} validation tasks (the first ones in that order).
     */
    <B> List<Task<B>> tasks(boolean validation, TrainingRecipe<B> recipe, MetaTrainSettings s) {
        java.util.Set<String> held = validation ? java.util.Set.of() : heldFromTraining(s, HOLD_LATEST);
        List<Task<B>> tasks = new ArrayList<>();
        for (Map.Entry<String, List<Event>> e : eventsByUser.entrySet()) {
            String user = e.getKey();
            if (isValidationUser(user, s.validationPercent()) != validation || held.contains(user)) continue;
            if (validation && tasks.size() >= s.maxValidationUsers()) break;
            recipe.task(user, e.getValue(), profile(user)).ifPresent(tasks::add);
        }
        return tasks;
    }

    /** The users left out of the training tasks beside the hash sample: the latest to arrive when {@code holdLatest}, else none. */
    java.util.Set<String> heldFromTraining(MetaTrainSettings s, boolean holdLatest) {
        return holdLatest ? new java.util.HashSet<>(RankFit.blendUsers(this, s, RankFit.Validation.LATEST)) : java.util.Set.of();
    }

    List<Attributes> userAttributes() {
        List<Attributes> out = new ArrayList<>();
        for (String u : eventsByUser.keySet()) out.add(profile(u).attributes());
        return out;
    }

    List<Attributes> itemAttributes() { return items.stream().map(Item::attributes).toList(); }

    List<UserProfile> userProfiles() { return eventsByUser.keySet().stream().map(this::profile).toList(); }

}
