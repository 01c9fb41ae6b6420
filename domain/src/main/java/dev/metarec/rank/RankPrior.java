package dev.metarec.rank;

import java.util.Objects;

/**
 * The item-level part of a checkpoint that orders the served list: the item neighbours fitted on the training
 * events and the blend chosen on validation users. {@link #NONE}: a checkpoint without one ranks by the network alone.
 */
public record RankPrior(ItemNeighbours neighbours, RankBlend blend) {
    public static final RankPrior NONE = new RankPrior(ItemNeighbours.NONE, RankBlend.NETWORK_ONLY);

    public RankPrior {
        Objects.requireNonNull(neighbours, "neighbours");
        Objects.requireNonNull(blend, "blend");
    }

    public boolean isNone() { return equals(NONE); }
}
