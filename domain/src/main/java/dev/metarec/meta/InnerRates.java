package dev.metarec.meta;

import dev.metarec.nn.FastLayout;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.Params;

import java.util.Optional;

/**
 * Where the inner learning rates come from: one rate per {@link FastLayout} slot, read from the
 * meta-parameter group {@value #GROUP} (1 x number of slots, learned by Meta-SGD) when the layout
 * has it, else the configured rate for every slot.
 */
public final class InnerRates {
    /** The meta-parameter group of per-slot inner learning rates. */
    public static final String GROUP = "meta.innerLr";

    private InnerRates() {}

    /** The rate group of {@code fastLayout}'s parameter layout, checked against the number of slots. */
    public static Optional<ParamGroup> group(FastLayout fastLayout) {
        Optional<ParamGroup> g = fastLayout.layout().findGroup(GROUP);
        g.ifPresent(group -> {
            if (group.size() != fastLayout.slots().size())
                throw new IllegalArgumentException("group " + GROUP + " has " + group.size() + " rates but "
                        + fastLayout.slots().size() + " groups adapt " + fastLayout.names());
        });
        return g;
    }

    /** One rate per slot; each must be finite and > 0. */
    public static double[] of(Params meta, FastLayout fastLayout, double configuredRate) {
        int n = fastLayout.slots().size();
        double[] rates = new double[n];
        Optional<ParamGroup> g = group(fastLayout);
        for (int s = 0; s < n; s++) {
            rates[s] = g.isPresent() ? meta.get(g.get().offset() + s) : configuredRate;
            String slotName = fastLayout.slots().get(s).group().name();
            if (!Double.isFinite(rates[s])) throw new NonFiniteException("inner learning rates", "rate of " + slotName, rates[s]);
            if (!(rates[s] > 0)) throw new IllegalArgumentException("inner learning rate of " + slotName + " must be > 0, was " + rates[s]);
        }
        return rates;
    }
}
