package dev.metarec.rank;

import java.util.Objects;

/**
 * The item-level part of a checkpoint: the item neighbours fitted on the training events, the blend chosen on
 * validation users that orders the served list, and the items' baseline added to the network's score.
 * {@link #NONE}: a checkpoint without one scores with the network alone and ranks by that score.
 */
public record RankPrior(ItemNeighbours neighbours, RankBlend blend, ItemBaseline baseline) {
    public static final RankPrior NONE = new RankPrior(ItemNeighbours.NONE, RankBlend.NETWORK_ONLY, ItemBaseline.NONE);

    public RankPrior {
        Objects.requireNonNull(neighbours, "neighbours");
        Objects.requireNonNull(blend, "blend");
        Objects.requireNonNull(baseline, "baseline");
    }

    /** Without an item baseline. */
    public RankPrior(ItemNeighbours neighbours, RankBlend blend) { this(neighbours, blend, ItemBaseline.NONE); }

    public boolean isNone() { return equals(NONE); }
}
