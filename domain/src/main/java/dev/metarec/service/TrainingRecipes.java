package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.checkpoint.CheckpointMetadata;
import dev.metarec.features.FeatureSpace;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;
import dev.metarec.rank.ItemBaseline;
import dev.metarec.rank.ItemNeighbours;
import dev.metarec.rank.RankBlend;
import dev.metarec.rank.RankPrior;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a meta-training run gets its {@link TrainingRecipe}: the one place that knows which kinds of model
 * exist. Shared by every trainer, so the in-process service and the Spark job start a run, split users and
 * order a user's events the same way.
 */
public final class TrainingRecipes {
    /** The order of a user's events in {@link TrainingRecipe#task}: by timestamp, then event id. */
    public static final Comparator<Event> OLDEST_FIRST = Comparator.comparing(Event::timestamp).thenComparing(Event::eventId);

    private TrainingRecipes() {}

    /** The recipe for the model a checkpoint holds, over this catalogue (today every checkpoint holds a {@link PreferenceNetwork}). */
    public static TrainingRecipe<?> of(Checkpoint checkpoint, List<Item> items, MetaTrainSettings settings, ServiceSettings serving) {
        return new PreferenceRecipe(checkpoint, items, settings, serving);
    }

    /** Whether a user is held out to compare challenger and champion (a hash of the id: stable across runs). */
    public static boolean isValidationUser(String userId, MetaTrainSettings settings) {
        return TrainingData.isValidationUser(userId, settings.validationPercent());
    }

    /**
     * What a new run's challenger starts from: the champion's configuration (or, with no champion, one
     * designed from the data by {@link ModelDesign}), features fitted on today's users and catalogue, and
     * the champion's parameters when the shapes still agree (else a fresh initialisation from the seed), and the
     * items' baseline the network is trained on top of.
     *
     * @param usersWithEvents the profiles of the users that have events (a user without a stored profile has empty attributes)
     * @param ratingEvents    how many of the {@code events} events are ratings (picks the objective of a designed model)
     * @param baseline        what the items' baseline is fitted from ({@link ItemBaselines}): the run's training users;
     *                        used for the squared-error objective, not for the implicit ones
     */
    public static Checkpoint challenger(String runId, Optional<Checkpoint> champion, Iterable<UserProfile> usersWithEvents, List<Item> items,
                                        long ratingEvents, long events, ItemBaselines.Evidence baseline, MetaTrainSettings settings, Instant now) {
        return challenger(runId, champion, usersWithEvents, items, ratingEvents, events, baseline, settings, TrainingGuards.DEFAULT.profileMinCount(), now);
    }

    /**
     * As above, with {@code profileMinCount}: a profile attribute value gets its own row (and is written into the
     * checkpoint) only when at least this many users have it; rarer values hash (see {@link FeatureSpace#fit(ModelConfig,
     * Iterable, Iterable, int, int)}).
     */
    public static Checkpoint challenger(String runId, Optional<Checkpoint> champion, Iterable<UserProfile> usersWithEvents, List<Item> items,
                                        long ratingEvents, long events, ItemBaselines.Evidence baseline, MetaTrainSettings settings, int profileMinCount,
                                        Instant now) {
        List<UserProfile> users = new ArrayList<>();
        usersWithEvents.forEach(users::add);
        ModelConfig config = champion.map(Checkpoint::config).orElseGet(() -> ModelDesign.design(
                users.stream().map(UserProfile::attributes).toList(), items.stream().map(Item::attributes).toList(), ratingEvents, events, settings));
        FeatureSpace features = FeatureSpace.fit(config, users, items, profileMinCount, 1);
        PreferenceNetwork network = new PreferenceNetwork(config, features.userTableRows(), features.itemTableRows(), features.userIdRows(), features.itemIdRows());
        Params params = champion.filter(c -> c.params().layout().equals(network.layout())).map(Checkpoint::params)
                .orElseGet(() -> network.initialise(settings.seed()));
        ItemBaseline kept = config.objective() == Objective.SQUARED_ERROR ? baseline.fit(items, features) : ItemBaseline.NONE;
        return new Checkpoint(runId, config, features, params,
                CheckpointMetadata.of(now, settings.learner().name().toLowerCase(Locale.ROOT), 0, Map.of()),
                new RankPrior(ItemNeighbours.NONE, RankBlend.NETWORK_ONLY, kept));
    }
}
