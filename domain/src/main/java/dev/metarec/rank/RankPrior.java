package dev.metarec.rank;

import java.util.Objects;

/**
 * The item-level part of a checkpoint: the item neighbours fitted on the training events, the blend chosen on
 * validation users that orders the served list, the items' baseline added to the network's score, the
 * support-set encoder trained on the training events and the forward neighbours (who-had-this-went-on-to-have-that;
 * {@link ItemNeighbours#NONE} in a checkpoint written before them). {@link #NONE}: a checkpoint without one scores with the
 * network alone and ranks by that score.
 */
public record RankPrior(ItemNeighbours neighbours, RankBlend blend, ItemBaseline baseline, SupportEncoder encoder, ItemNeighbours forward) {
    public static final RankPrior NONE = new RankPrior(ItemNeighbours.NONE, RankBlend.NETWORK_ONLY, ItemBaseline.NONE, SupportEncoder.NONE, ItemNeighbours.NONE);

    public RankPrior {
        Objects.requireNonNull(neighbours, "neighbours");
        Objects.requireNonNull(blend, "blend");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(forward, "forward");
    }

    /** Without forward neighbours (their signal is absent, whatever its blend weight). */
    public RankPrior(ItemNeighbours neighbours, RankBlend blend, ItemBaseline baseline, SupportEncoder encoder) {
        this(neighbours, blend, baseline, encoder, ItemNeighbours.NONE);
    }

    /** Without a support-set encoder (its signal is absent, whatever its blend weight). */
    public RankPrior(ItemNeighbours neighbours, RankBlend blend, ItemBaseline baseline) { this(neighbours, blend, baseline, SupportEncoder.NONE); }

    /** Without an item baseline or an encoder. */
    public RankPrior(ItemNeighbours neighbours, RankBlend blend) { this(neighbours, blend, ItemBaseline.NONE); }

    public RankPrior withBaseline(ItemBaseline b) { return new RankPrior(neighbours, blend, b, encoder, forward); }

    public RankPrior withEncoder(SupportEncoder e) { return new RankPrior(neighbours, blend, baseline, e, forward); }

    public RankPrior withForward(ItemNeighbours f) { return new RankPrior(neighbours, blend, baseline, encoder, f); }

    public boolean isNone() { return equals(NONE); }
}
