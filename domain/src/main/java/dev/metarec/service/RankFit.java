package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.features.EncodedEntity;
import dev.metarec.meta.Batch;
import dev.metarec.model.Event;
import dev.metarec.rank.ItemNeighbours;
import dev.metarec.rank.NumberProperty;
import dev.metarec.rank.RankBlend;
import dev.metarec.rank.RankPrior;
import dev.metarec.rank.Recency;
import dev.metarec.rank.SupportEncoder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fits a finished challenger's {@link RankPrior} on the run's data (the item baseline it was trained on stays): item
 * neighbours (symmetric and forward, {@link #FORWARD_WINDOW}), popularity (users who liked each item, also counted by age: {@link Likes}) and the support-set encoder ({@link SupportEncoder}) from the
 * training users' events only, then the {@link RankBlend} weights on the validation users ({@link #VALIDATION}: the
 * hash sample of meta-training or the latest users to arrive, whichever predicts the latest users better), each seen at the support
 * sizes of {@link RankBlend#SHOTS} exactly as serving would see them (first k events; adapted network scores,
 * popularity, both neighbours of the positive support events, the encoder's scores; every other catalogue item a
 * candidate) and judged by the positives among {@value #HORIZON} later events: the events after the user's first
 * {@value #LATER_FROM} (after the support when it is longer), so that every support size is judged on the same
 * later taste. A user with at most {@value #LATER_FROM} events is judged on the events right after the support.
 * <p>
 * Why not simply the events after the support: a user's first events are often what the onboarding flow put in
 * front of them (MovieLens asked new users to rate popular films), so fitting on them teaches the blend the
 * onboarding screen rather than the user. Cross-fitted on ML-100K's validation users (weights fitted on half,
 * Recall@10 of the later window on the other half, 5 seeds), fitting on the later window gave 0.183 against 0.169
 * fitting on the next events (docs/RESULTS.md, designs tried).
 */
final class RankFit {
    /**
     * Neighbours kept per item and the cosine's shrinkage: 200 and 10, chosen on the fit's own validation users on
     * ML-100K (mean validation Recall@10 over the buckets, 3 seeds: 200/10 0.2843, 100/10 0.2804, 100/50 0.2768;
     * neighbours of every support event instead of the positive ones 0.2793). At most {@link #MAX_PAIRS} pairs in
     * all (8 bytes each in the checkpoint): a catalogue of more than 10,000 items keeps fewer per item.
     * {@code -Dmetarec.rankfit.shrinkage=S} changes the shrinkage, for comparing designs (docs/RESULTS.md: 30 and 100
     * were tried on the training period, {@code --protocol ranking-validation}, and not kept).
     */
    static final int NEIGHBOURS = 200;
    static final double SHRINKAGE = NumberProperty.inRange("metarec.rankfit.shrinkage", "10", 0, true, Double.POSITIVE_INFINITY, false);
    /** The neighbours' asymmetric-cosine exponent ({@link ItemNeighbours#fit(java.util.Collection, int, double, double, int)}); 0.5, the cosine. A trial. */
    static final double NEIGHBOUR_ALPHA = NumberProperty.inRange("metarec.rankfit.neighbour-alpha", "0.5", 0, true, 1, true);
    /** The neighbours' forward window ({@link ItemNeighbours#fit(java.util.Collection, int, double, double, int)}); 0, symmetric. A trial. */
    static final int NEIGHBOUR_WINDOW = (int) NumberProperty.whole("metarec.rankfit.neighbour-window", "0", 0, Integer.MAX_VALUE);
    /**
     * The forward neighbours, the blend's fifth signal beside the symmetric neighbours: sim(i, j) counts the users with
     * whom j came after i, at most this many of their items later ({@link ItemNeighbours#fit(java.util.Collection, int,
     * double, double, int)}'s window). Unbounded ({@link Integer#MAX_VALUE}) by default; {@code -Dmetarec.rankfit.forward-window=0}
     * leaves the signal out (a checkpoint as before it), another W bounds it. Kept on the training periods (docs/RESULTS.md,
     * designs table): alone the forward neighbours lead the symmetric ones at 1–5 events on ML-100K and trail them beyond,
     * so the blend weighs both per support size.
     */
    static final int FORWARD_WINDOW = (int) NumberProperty.whole("metarec.rankfit.forward-window", String.valueOf(Integer.MAX_VALUE), 0, Integer.MAX_VALUE);
    static final int MAX_PAIRS = 2_000_000;
    /** Later events per validation user whose positives are the targets (the ranking protocol's 50). */
    static final int HORIZON = 50;
    /** Events of a user (the first ones) after which the judged window starts: the ranking protocol's 20. */
    static final int LATER_FROM = 20;
    static final int MAX_USERS = 200;
    /**
     * How the blend's weights are fitted: {@link RankBlend.Fit#LIKELIHOOD}, chosen over the grid on the validation users,
     * cross-fitted (docs/RESULTS.md, designs tried); {@code -Dmetarec.rankfit.blend=GRID} gives the grid fit for comparison.
     */
    static final RankBlend.Fit BLEND_FIT = RankBlend.Fit.valueOf(System.getProperty("metarec.rankfit.blend", "LIKELIHOOD"));
    /**
     * Diagnostics for comparing designs on validation users, off in production: {@code -Dmetarec.rankfit.crossfit=true}
     * also logs the blend's cross-fitted validation Recall@10 ({@link RankBlend#crossFitted}; fitted on the even-numbered
     * validation users, judged on the odd ones, and the other way round), each signal alone, and the blends with the
     * network adapted {@link #STEPS_TRIED} steps and served with the support shrinkages {@link #SHRINKAGE_TRIED}.
     * docs/RESULTS.md gives the commands.
     */
    static final boolean CROSS_FIT = Boolean.getBoolean("metarec.rankfit.crossfit");
    /** {@code -Dmetarec.rankfit.no-encoder=true} leaves the support-set encoder out (the blend of the three signals before it). */
    static final boolean WITHOUT_ENCODER = Boolean.getBoolean("metarec.rankfit.no-encoder");
    /** The support sizes at which each training user is cut to train the support-set encoder. */
    static final int[] ENCODER_CUTS = {1, 2, 3, 4, 5, 7, 10, 13, 16, 20};
    /**
     * Trial ({@code -Dmetarec.rankfit.encoder-shift=S}, 0 = off, the default): the encoder also trains on each training
     * user's history from event S, 2S, ... on, cut as a new user's is (more cases of who-liked-this-went-on-to-like-that).
     */
    static final int ENCODER_SHIFT = (int) NumberProperty.whole("metarec.rankfit.encoder-shift", "0", 0, Integer.MAX_VALUE);
    /**
     * Trial ({@code -Dmetarec.rankfit.encoders=M}, default 1): M encoders trained from different seeds, their scores
     * averaged (one encoder M times as wide, {@link SupportEncoder#averaged}).
     */
    static final int ENCODERS = (int) NumberProperty.whole("metarec.rankfit.encoders", "1", 1, 16);
    /**
     * Trial ({@code -Dmetarec.rankfit.encoder-half-life-days=D}, 0 = off, the default): each encoder training case
     * weighted 2^(-age / D days), its age the time from its cut (the support's last event) to the training data's latest
     * event, as the popularity prior counts likes by age.
     */
    static final int ENCODER_HALF_LIFE_DAYS = (int) NumberProperty.whole("metarec.rankfit.encoder-half-life-days", "0", 0, Integer.MAX_VALUE);
    /**
     * Trial ({@code -Dmetarec.rankfit.pick=true}): per bucket, a single signal instead of the fitted blend where the signal
     * alone recalls more of the validation cases than the blend does cross-fitted ({@link RankBlend#orSingleSignal}).
     */
    static final boolean PICK = Boolean.getBoolean("metarec.rankfit.pick");
    /** The inner-step counts whose blends the diagnostics ({@link #CROSS_FIT}) compare. */
    static final int[] STEPS_TRIED = {0, 1, 3, 5, 10, 20};
    /**
     * The support shrinkages tau (inner steps scaled by n / (n + tau)) whose blends the diagnostics compare at the served
     * step count, serving the same meta-trained weights with another tau.
     */
    static final double[] SHRINKAGE_TRIED = {0, 1, 5, 20, 100};
    /** One in this many training users stops the encoder's training instead of training it. */
    static final int ENCODER_STOPPING_EVERY = 8;
    private static final System.Logger LOG = System.getLogger(RankFit.class.getName());

    private RankFit() {}

    /** Which users' cases fit the blend's weights ({@link #blendUsers}). */
    enum Validation {
        /** The meta-training's validation users: a hash sample of the user ids, spread over the whole period. */
        HASH,
        /**
         * The users who arrived last (by their first event) with at least two events, as many as the hash sample holds:
         * placed as new users are, after everything the signals are fitted on.
         */
        LATEST,
        /** {@link #HASH} or {@link #LATEST}, whichever fits the latest users better ({@link #select}). */
        SELECT
    }

    /**
     * The blend's validation users: {@link Validation#SELECT} (since 2026-12-07; chosen on the training periods,
     * docs/RESULTS.md, designs tried); {@code -Dmetarec.rankfit.validation=HASH|LATEST} fixes one, for comparing designs.
     */
    static final Validation VALIDATION = Validation.valueOf(System.getProperty("metarec.rankfit.validation", "SELECT"));
    /**
     * {@code -Dmetarec.rankfit.refit=true}: with the latest users as the blend's, the neighbours and the encoder are
     * fitted again on every user once the weights are (tried, not kept: docs/RESULTS.md).
     */
    static final boolean REFIT = Boolean.getBoolean("metarec.rankfit.refit");

    /**
     * The users whose cases fit the blend, in user-id order; they are left out of the neighbours,
     * the popularity and the encoder. Under {@link Validation#LATEST} as many users as the hash sample would give
     * (validation percent of the users, at most {@link #MAX_USERS} and the settings' cap), the latest to arrive among
     * those with at least two events (ties by id).
     */
    static List<String> blendUsers(TrainingData data, MetaTrainSettings settings, Validation how) {
        int cap = Math.min(MAX_USERS, settings.maxValidationUsers());
        if (how == Validation.HASH) return hashHeld(data, settings).stream().limit(cap).toList();
        List<String> out = new ArrayList<>();
        int wanted = Math.min(cap, (int) Math.round(data.eventsByUser.size() * settings.validationPercent() / 100.0));
        List<Map.Entry<String, List<Event>>> byArrival = new ArrayList<>();
        for (Map.Entry<String, List<Event>> e : data.eventsByUser.entrySet()) if (e.getValue().size() >= 2) byArrival.add(e);
        byArrival.sort(java.util.Comparator.<Map.Entry<String, List<Event>>, Instant>comparing(e -> e.getValue().get(0).timestamp())
                .thenComparing(Map.Entry::getKey).reversed());
        for (Map.Entry<String, List<Event>> e : byArrival) {
            if (out.size() >= wanted) break;
            out.add(e.getKey());
        }
        java.util.Collections.sort(out);
        return out;
    }

    static Checkpoint attach(Checkpoint c, TrainingData data, MetaTrainSettings settings, ServiceSettings serving) {
        SupportSets sets = new SupportSets(serving);
        Set<String> hashHeld = hashHeld(data, settings);
        Validation how = VALIDATION == Validation.SELECT ? select(c, data, settings, serving) : VALIDATION;
        List<String> validation = blendUsers(data, settings, how);
        Signals s = signals(c, data, how == Validation.HASH ? hashHeld : new HashSet<>(validation), sets, serving, settings.seed(),
                SupportEncoder.Settings.DEFAULT);
        if (s == null) return c;
        List<RankBlend.Case> even = new ArrayList<>(), odd = new ArrayList<>();
        List<RankBlend.Case> cases = cases(s, data, validation, sets, even, odd);
        RankBlend blend = RankBlend.fit(cases, RankBlend.SHOTS, BLEND_FIT);
        if (PICK) blend = blend.orSingleSignal(RankBlend.crossFitted(even, odd, RankBlend.SHOTS, BLEND_FIT), cases);
        if (CROSS_FIT) {
            LOG.log(System.Logger.Level.INFO, "rank prior of {0}: {1}", c.checkpointId(), signalsAlone(cases));
            for (RankBlend.Fit fit : RankBlend.Fit.values())
                LOG.log(System.Logger.Level.INFO, "rank prior of {0}: cross-fitted validation Recall@10 by bucket, {2} fit: {1}", c.checkpointId(),
                        java.util.Arrays.toString(RankBlend.crossFitted(even, odd, RankBlend.SHOTS, fit)), fit);
            for (int steps : STEPS_TRIED)
                logVariant(c, "adapted " + steps + " steps", steps == serving.adaptSteps() ? null
                        : new ServingModel(c.withRank(s.withoutBlend()), steps), s, data, validation, sets, cases, even, odd);
            for (double tau : SHRINKAGE_TRIED)
                logVariant(c, "support shrinkage " + tau + " (trained with " + c.config().supportShrinkage() + ")",
                        tau == c.config().supportShrinkage() ? null : new ServingModel(new Checkpoint(c.checkpointId(),
                                c.config().withSupportShrinkage(tau), c.features(), c.params(), c.metadata(), s.withoutBlend()), serving.adaptSteps()),
                        s, data, validation, sets, cases, even, odd);
        }
        LOG.log(System.Logger.Level.INFO, "rank prior of {0}: {1} items with neighbours, {5}, blend {2} fitted on {3} validation cases "
                + "(validation Recall@10 by bucket {4})", c.checkpointId(), s.neighbours().items().size(), blend, cases.size(),
                java.util.Arrays.toString(blend.recallByBucket(cases)), s.encoder());
        ItemNeighbours neighbours = s.neighbours(), forward = s.withoutBlend().forward();
        SupportEncoder encoder = s.encoder();
        if (REFIT && how != Validation.HASH) {
            // The blend's users were the latest to arrive: once the weights are fitted, the signals learn from them too.
            List<List<Event>> everyone = new ArrayList<>(data.eventsByUser.values());
            neighbours = neighboursOf(everyone);
            forward = forwardOf(everyone);
            encoder = encoderOf(everyone, sets, settings.seed(), SupportEncoder.Settings.DEFAULT);
        }
        return c.withRank(new RankPrior(neighbours, blend, c.rank().baseline(), encoder, forward));
    }

    /**
     * Diagnostics: the blend's cross-fitted validation Recall@10 by bucket and the network's own recall with the network
     * served by {@code variant} instead (null: the served model, whose cases {@code cases}, {@code even}, {@code odd} are).
     */
    private static void logVariant(Checkpoint c, String what, ServingModel variant, Signals s, TrainingData data, List<String> validation,
                                   SupportSets sets, List<RankBlend.Case> cases, List<RankBlend.Case> even, List<RankBlend.Case> odd) {
        if (variant != null) {
            even = new ArrayList<>();
            odd = new ArrayList<>();
            cases = cases(s.adaptedWith(variant), data, validation, sets, even, odd);
        }
        LOG.log(System.Logger.Level.INFO, "rank prior of {0}: {1}: cross-fitted validation Recall@10 by bucket {2}; the network alone {3}",
                c.checkpointId(), what, java.util.Arrays.toString(RankBlend.crossFitted(even, odd, RankBlend.SHOTS, BLEND_FIT)),
                java.util.Arrays.toString(RankBlend.recallAlone(cases, RankBlend.SHOTS)[0]));
    }

    /** Each signal alone (weight 1, the others 0): its validation Recall@10 by bucket over {@code cases}, for the diagnostics. */
    static String signalsAlone(List<RankBlend.Case> cases) {
        String[] names = {"network", "popularity", "neighbours", "encoder", "forward neighbours"};
        StringBuilder out = new StringBuilder("each signal alone, validation Recall@10 by bucket:");
        double[][] alone = RankBlend.recallAlone(cases, RankBlend.SHOTS);
        for (int signal = 0; signal < RankBlend.SIGNALS; signal++) {
            double[] r = alone[signal];
            out.append(' ').append(names[signal]);
            for (double x : r) out.append(String.format(java.util.Locale.ROOT, " %.3f", x));
            out.append(signal < RankBlend.SIGNALS - 1 ? ";" : "");
        }
        return out.toString();
    }

    /**
     * {@link Validation#SELECT}: with the signals fitted without both the hash sample and the latest users (those not in
     * the hash sample), the blend fitted on the hash sample is judged on the latest users' cases, against the blend
     * fitted on half of the latest users judged on the other half (both ways); the better mean Recall@10 over the
     * buckets chooses. HASH when there is nothing to judge.
     */
    static Validation select(Checkpoint c, TrainingData data, MetaTrainSettings settings, ServiceSettings serving) {
        SupportSets sets = new SupportSets(serving);
        Set<String> hashHeld = hashHeld(data, settings);
        List<String> latest = new ArrayList<>(blendUsers(data, settings, Validation.LATEST));
        latest.removeAll(hashHeld);
        Set<String> both = new HashSet<>(hashHeld);
        both.addAll(latest);
        Signals s = signals(c, data, both, sets, serving, settings.seed(), SELECTION_ENCODER);
        if (s == null) return Validation.HASH;
        List<RankBlend.Case> fromHash = cases(s, data, blendUsers(data, settings, Validation.HASH), sets, new ArrayList<>(), new ArrayList<>());
        List<RankBlend.Case> even = new ArrayList<>(), odd = new ArrayList<>();
        List<RankBlend.Case> ofLatest = cases(s, data, latest, sets, even, odd);
        if (fromHash.isEmpty() || even.isEmpty() || odd.isEmpty()) return Validation.HASH;
        double hash = meanOf(RankBlend.fit(fromHash, RankBlend.SHOTS, BLEND_FIT).recallByBucket(ofLatest));
        double late = meanOf(RankBlend.crossFitted(even, odd, RankBlend.SHOTS, BLEND_FIT));
        Validation chosen = late > hash ? Validation.LATEST : Validation.HASH;
        LOG.log(System.Logger.Level.INFO, "rank prior of {0}: on the {1} latest users, the blend fitted on the hash sample {2}, "
                + "fitted on the latest users (cross-fitted) {3}: {4}", c.checkpointId(), latest.size(), hash, late, chosen);
        return chosen;
    }

    /**
     * The encoder that only informs {@link #select}: half the time limit of the served one, so that the two trainings
     * together stay within the minutes the meta-train Lambda has after its training budget (ML-100K and
     * ml-latest-small train in under 20 s, far inside either limit).
     */
    static final SupportEncoder.Settings SELECTION_ENCODER = SupportEncoder.Settings.DEFAULT.withMaxTime(SupportEncoder.Settings.DEFAULT.maxTime().dividedBy(2));

    /**
     * Every user of the hash sample (meta-training's validation users), beyond the cap too, in user-id order: none of
     * them trains a signal under {@link Validation#HASH}.
     */
    private static java.util.SortedSet<String> hashHeld(TrainingData data, MetaTrainSettings settings) {
        java.util.SortedSet<String> held = new java.util.TreeSet<>();
        for (String user : data.eventsByUser.keySet()) if (TrainingData.isValidationUser(user, settings.validationPercent())) held.add(user);
        return held;
    }

    private static double meanOf(double[] byBucket) {
        double sum = 0;
        int n = 0;
        for (double x : byBucket) if (!Double.isNaN(x)) { sum += x; n++; }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The signals fitted on every user but {@code held}, and what scoring a validation case with them needs. */
    private record Signals(ItemNeighbours neighbours, SupportEncoder encoder, double[] popularity, RankPrior withoutBlend, ServingModel model,
                           CatalogueIndex.Snapshot cat, RankSignals.Layout layout) {
        /** The same signals with the network served by {@code other} (its item sides are the same: only the adaptation differs). */
        Signals adaptedWith(ServingModel other) { return new Signals(neighbours, encoder, popularity, withoutBlend, other, cat, layout); }
    }

    /** Null when every user is held. */
    private static Signals signals(Checkpoint c, TrainingData data, Set<String> held, SupportSets sets, ServiceSettings serving, long seed,
                                   SupportEncoder.Settings encoderSettings) {
        List<List<Event>> trainingUsers = new ArrayList<>();
        Likes liked = new Likes();
        for (Map.Entry<String, List<Event>> e : data.eventsByUser.entrySet()) {
            if (held.contains(e.getKey())) continue;
            trainingUsers.add(e.getValue());
            addLikes(liked, e.getValue(), sets);
        }
        if (trainingUsers.isEmpty()) return null;
        ItemNeighbours neighbours = neighboursOf(trainingUsers);
        SupportEncoder encoder = encoderOf(trainingUsers, sets, seed, encoderSettings);
        RankPrior withoutBlend = new RankPrior(neighbours, RankBlend.NETWORK_ONLY, c.rank().baseline(), encoder, forwardOf(trainingUsers));
        ServingModel model = new ServingModel(c.withRank(withoutBlend), serving.adaptSteps());
        CatalogueIndex.Snapshot cat = CatalogueIndex.Snapshot.of(model, 0, data.items);
        return new Signals(neighbours, encoder, liked.byPosition(cat), withoutBlend, model, cat, RankSignals.layout(withoutBlend, cat));
    }

    /** Each of {@code users} seen at every support size of {@link RankBlend#SHOTS} it has; also split by the user's position (even, odd). */
    private static List<RankBlend.Case> cases(Signals s, TrainingData data, List<String> users, SupportSets sets,
                                              List<RankBlend.Case> even, List<RankBlend.Case> odd) {
        List<RankBlend.Case> cases = new ArrayList<>();
        for (int v = 0; v < users.size(); v++) {
            String user = users.get(v);
            List<Event> events = data.eventsByUser.get(user);   // oldest first
            for (int k : RankBlend.SHOTS) {
                if (events.size() <= k) break;
                RankBlend.Case c1 = userCase(s.model(), s.withoutBlend(), s.cat(), s.layout(), sets, s.popularity(), data, user, events, k);
                if (c1 != null) { cases.add(c1); (v % 2 == 0 ? even : odd).add(c1); }
            }
        }
        return cases;
    }

    /** The item neighbours of {@code users}' events (each user's items, oldest first). */
    private static ItemNeighbours neighboursOf(List<List<Event>> users) { return neighboursOf(users, NEIGHBOUR_ALPHA, NEIGHBOUR_WINDOW); }

    /**
     * The forward neighbours of {@code users}' events ({@link #FORWARD_WINDOW}: who-had-this-went-on-to-have-that, a fifth
     * blend signal beside the symmetric neighbours); none when the window is 0.
     */
    private static ItemNeighbours forwardOf(List<List<Event>> users) {
        return FORWARD_WINDOW == 0 ? ItemNeighbours.NONE : neighboursOf(users, 0.5, FORWARD_WINDOW);
    }

    private static ItemNeighbours neighboursOf(List<List<Event>> users, double alpha, int window) {
        List<Set<String>> itemsByUser = new ArrayList<>();
        Set<String> catalogue = new HashSet<>();
        for (List<Event> events : users) {
            Set<String> items = new LinkedHashSet<>();
            for (Event ev : events) items.add(ev.itemId());
            itemsByUser.add(items);
            catalogue.addAll(items);
        }
        return ItemNeighbours.fit(itemsByUser, Math.max(1, Math.min(NEIGHBOURS, MAX_PAIRS / Math.max(1, catalogue.size()))), SHRINKAGE, alpha, window);
    }

    /** The support-set encoder over the items of {@code users}' events ({@link #trainEncoder}); none without it. */
    private static SupportEncoder encoderOf(List<List<Event>> users, SupportSets sets, long seed, SupportEncoder.Settings encoderSettings) {
        if (WITHOUT_ENCODER) return SupportEncoder.NONE;
        java.util.TreeSet<String> items = new java.util.TreeSet<>();
        for (List<Event> events : users) for (Event ev : events) items.add(ev.itemId());
        return trainEncoder(new ArrayList<>(items), users, sets, seed, encoderSettings);
    }

    /**
     * The support-set encoder over {@code items} (sorted ids), trained on the training users cut after each of their
     * first {@link #ENCODER_CUTS} events (support: those events' items; targets: the positives among the judged window,
     * {@link #judged}; the window's other items left out of the softmax). Every {@value #ENCODER_STOPPING_EVERY}th
     * training user is held out instead, and the epoch is chosen by the encoder's mean Recall@10 on them at the support
     * sizes of {@link RankBlend#SHOTS}: not on the validation users, whose cases then fit the blend, so that the blend
     * does not see an encoder already chosen to suit them (on ML-100K, choosing the epoch on the blend's own validation
     * users made the blend lean on the encoder more than held-out users justified).
     */
    static SupportEncoder trainEncoder(List<String> items, List<List<Event>> trainingUsers, SupportSets sets, long seed, SupportEncoder.Settings encoderSettings) {
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < items.size(); i++) row.put(items.get(i), i);
        Instant latest = Instant.MIN;   // the age of a case is measured from it, only when the cases are weighted by age
        if (ENCODER_HALF_LIFE_DAYS > 0)
            for (List<Event> events : trainingUsers) for (Event e : events) if (e.timestamp().isAfter(latest)) latest = e.timestamp();
        List<SupportEncoder.Example> examples = new ArrayList<>(), probes = new ArrayList<>();
        for (int u = 0; u < trainingUsers.size(); u++) {
            List<Event> events = trainingUsers.get(u);
            boolean stopping = u % ENCODER_STOPPING_EVERY == ENCODER_STOPPING_EVERY - 1;
            for (int k : stopping ? RankBlend.SHOTS : ENCODER_CUTS) {
                if (events.size() <= k) break;
                SupportEncoder.Example ex = encoderExample(events, k, row, sets);
                if (ex != null && !stopping && ENCODER_HALF_LIFE_DAYS > 0) {
                    double days = java.time.Duration.between(events.get(k - 1).timestamp(), latest).toSeconds() / 86_400.0;
                    ex = new SupportEncoder.Example(ex.support(), ex.targets(), ex.excluded(), Math.max(1e-6, Math.pow(2, -days / ENCODER_HALF_LIFE_DAYS)));
                }
                if (ex != null) (stopping ? probes : examples).add(ex);
            }
            if (stopping || ENCODER_SHIFT == 0) continue;
            for (int o = ENCODER_SHIFT; events.size() > o + LATER_FROM; o += ENCODER_SHIFT) {   // later windows of the same history
                List<Event> later = events.subList(o, events.size());
                for (int k : ENCODER_CUTS) {
                    if (later.size() <= k) break;
                    SupportEncoder.Example ex = encoderExample(later, k, row, sets);
                    if (ex != null) examples.add(ex);
                }
            }
        }
        if (probes.isEmpty()) return SupportEncoder.NONE;   // nothing to choose the epoch on: leave the signal out
        SupportEncoder e = SupportEncoder.train(items, examples, encoderSettings, seed, enc -> meanRecall(enc, probes));
        for (int m = 1; m < ENCODERS && !e.isEmpty(); m++) {
            SupportEncoder other = SupportEncoder.train(items, examples, encoderSettings, seed + 7919L * m, enc -> meanRecall(enc, probes));
            if (!other.isEmpty()) e = SupportEncoder.averaged(e, other, m);
        }
        LOG.log(System.Logger.Level.INFO, "support-set encoder: {0} training cases, validation Recall@10 {1} over {2} cases",
                examples.size(), meanRecall(e, probes), probes.size());
        return e;
    }

    /** A user cut after {@code k} events as an encoder case (rows of {@code row}); null without a known later positive. */
    private static SupportEncoder.Example encoderExample(List<Event> events, int k, Map<String, Integer> row, SupportSets sets) {
        Set<Integer> support = new LinkedHashSet<>();
        for (int i = 0; i < k; i++) {   // oldest first; newest first, as serving encodes, when the encoder weighs items by recency
            Integer r = row.get(events.get(SupportEncoder.DECAY == 1 ? i : k - 1 - i).itemId());
            if (r != null) support.add(r);
        }
        Set<Integer> targets = new LinkedHashSet<>(), excluded = new LinkedHashSet<>();
        int[] window = judged(events.size(), k);
        for (Event e : events.subList(window[0], window[1])) {
            Integer r = row.get(e.itemId());
            if (r == null || support.contains(r)) continue;
            if (sets.positive(e)) targets.add(r); else excluded.add(r);
        }
        excluded.removeAll(targets);
        if (targets.isEmpty()) return null;
        return new SupportEncoder.Example(support.stream().mapToInt(Integer::intValue).toArray(), targets.stream().mapToInt(Integer::intValue).toArray(),
                excluded.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Mean Recall@10 of the encoder alone over the probes (candidates: every encoder item but the probe's support and excluded items). */
    private static double meanRecall(SupportEncoder enc, List<SupportEncoder.Example> probes) {
        if (enc.isEmpty()) return Double.NaN;
        int n = enc.items().size();
        double sum = 0;
        for (SupportEncoder.Example p : probes) {
            float[] u = enc.encodeRows(p.support());
            double[] score = new double[n];
            for (int j = 0; j < n; j++) score[j] = enc.score(u, j);
            for (int r : p.support()) score[r] = Double.NEGATIVE_INFINITY;
            for (int r : p.excluded()) score[r] = Double.NEGATIVE_INFINITY;
            boolean[] positive = new boolean[n];
            for (int t : p.targets()) positive[t] = true;
            sum += RankBlend.recallAt10(score, positive, p.targets().length);
        }
        return sum / probes.size();
    }

    /**
     * The training users' likes per item, as the item statistics count them (one per user whose latest event for the
     * item is positive), with their forward-decayed sum ({@link Recency}), read as of the training
     * data's latest event: the popularity prior serving would compute at the end of the training data.
     */
    static final class Likes {
        private final Map<String, Integer> count = new HashMap<>();
        private final Map<String, Double> forward = new HashMap<>();
        private final Set<String> interacted = new HashSet<>();
        private Instant latest = Recency.EPOCH;

        int count(String item) { return count.getOrDefault(item, 0); }

        /** The item's likes counted by age at the latest event added. */
        double recent(String item) { return Recency.asOf(forward.getOrDefault(item, 0.0), latest); }

        double popularity(String item) { return RankBlend.popularity(count(item), recent(item)); }

        /**
         * Per position of {@code cat}, the popularity prior serving would read at the end of the training data (an item
         * no training user interacted with filled by {@link NewItemPopularity} when that trial is on).
         */
        double[] byPosition(CatalogueIndex.Snapshot cat) {
            double[] out = new double[cat.size()];
            boolean[] known = new boolean[cat.size()];
            for (int p = 0; p < out.length; p++) {
                String id = cat.items().get(p).itemId();
                out[p] = popularity(id);
                known[p] = interacted.contains(id);
            }
            if (NewItemPopularity.BY_ATTRIBUTES) NewItemPopularity.fill(out, known, cat.items());
            return out;
        }
    }

    /** Adds 1 for each item whose latest event in {@code events} (oldest first) is positive: the user liked it. */
    static void addLikes(Likes liked, List<Event> events, SupportSets sets) {
        Map<String, Event> latest = new HashMap<>();
        for (Event ev : events) {
            latest.put(ev.itemId(), ev);   // oldest first: the latest event per item stays
            liked.interacted.add(ev.itemId());
            if (ev.timestamp().isAfter(liked.latest)) liked.latest = ev.timestamp();
        }
        latest.forEach((i, ev) -> {
            if (!sets.positive(ev)) return;
            liked.count.merge(i, 1, Integer::sum);
            liked.forward.merge(i, Recency.weight(ev.timestamp()), Double::sum);
        });
    }

    /**
     * The events [from, to) whose positives judge a user of {@code size} events seen at {@code k}: the
     * {@value #HORIZON} after the first {@value #LATER_FROM} (after the support when it is longer), or the
     * {@value #HORIZON} after the support for a user with at most {@value #LATER_FROM} events.
     */
    static int[] judged(int size, int k) {
        int from = size > LATER_FROM ? Math.max(k, LATER_FROM) : k;
        return new int[]{Math.min(from, size), Math.min(size, from + HORIZON)};
    }

    private static RankBlend.Case userCase(ServingModel model, RankPrior rank, CatalogueIndex.Snapshot cat, RankSignals.Layout layout,
                                           SupportSets sets,
                                           double[] popularity,
                                           TrainingData data, String user, List<Event> events, int k) {
        List<Event> support = new ArrayList<>(events.subList(0, k));
        Set<String> seen = new HashSet<>();
        support.forEach(e -> seen.add(e.itemId()));
        Set<String> positives = new HashSet<>();
        int[] window = judged(events.size(), k);
        for (Event e : events.subList(window[0], window[1]))
            if (sets.positive(e) && !seen.contains(e.itemId()) && cat.position().containsKey(e.itemId())) positives.add(e.itemId());
        if (positives.isEmpty()) return null;
        int[] eligible = new int[cat.size() - (int) seen.stream().filter(cat.position()::containsKey).count()];
        int n = 0;
        for (int p = 0; p < cat.size(); p++) if (!seen.contains(cat.items().get(p).itemId())) eligible[n++] = p;
        List<Event> newestFirst = new ArrayList<>(support);
        java.util.Collections.reverse(newestFirst);
        EncodedEntity u = model.encodeUser(data.profile(user));
        Batch b = sets.build(model, u, newestFirst, cat, Map.of(), seen);
        double[] fast = AdaptService.adaptOrPrior(model, b).fast(model);   // the prior when adaptation fails, as serving would
        double[] pop = new double[eligible.length];
        boolean[] positive = new boolean[eligible.length];
        for (int i = 0; i < eligible.length; i++) {
            String id = cat.items().get(eligible[i]).itemId();
            pop[i] = popularity[eligible[i]];
            positive[i] = positives.contains(id);
        }
        double[] net = new double[eligible.length];
        double[] offsets = new double[eligible.length];
        for (int i = 0; i < eligible.length; i++) offsets[i] = cat.baseline(eligible[i], rank.baseline());
        Ranking.network(model, fast, u, cat, eligible, offsets, net, eligible.length);
        if (RankSignals.NETWORK_DELTA) {   // trial: what adaptation changed
            double[] prior = new double[eligible.length];
            Ranking.network(model, model.prior(), u, cat, eligible, offsets, prior, eligible.length);
            for (int i = 0; i < net.length; i++) net[i] -= prior[i];
        }
        for (double x : net) if (!Double.isFinite(x)) return null;
        Map<String, Double> likedSupport = RankSignals.positiveItems(newestFirst, sets);
        RankSignals.NeighbourScores near = RankSignals.neighbours(rank, likedSupport, cat, layout, eligible);
        double[] enc = RankSignals.encoder(rank.encoder(), newestFirst, layout.encoderRows(), eligible, likedSupport, model.adaptSteps());
        double[] fwd = near.forward() == null ? new double[eligible.length] : near.forward();
        return new RankBlend.Case(k, net, pop, near.neighbours(), enc, fwd, positive);
    }
}
