package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.model.Event;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The rank prior of a finished challenger for trainers outside this package (the Spark job): the same fit
 * ({@link RankFit}: item neighbours from the training users' events, the blend's weights on the validation users)
 * that {@link MetaTrainService} attaches, on the events given.
 */
public final class RankPriors {
    private RankPriors() {}

    /**
     * {@code c} with the rank prior fitted on {@code events} (any order; grouped by user, oldest first, as the
     * in-process trainer reads them), the catalogue and the users' profiles.
     */
    public static Checkpoint attach(Checkpoint c, List<Event> events, Collection<Item> catalogue, Map<String, UserProfile> profiles,
                                    MetaTrainSettings settings, ServiceSettings serving) {
        return RankFit.attach(c, TrainingData.of(events, catalogue, profiles), settings, serving);
    }
}
