package dev.metarec.eval.method;

import dev.metarec.meta.Batch;
import dev.metarec.nn.FastLayout;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;

/** Placeholder until dev.metarec.meta.InnerLoop lands on main: k SGD steps with the per-group rates in meta.innerLr. */
final class TemporaryInnerLoop {
    private TemporaryInnerLoop() {}

    static double[] adapt(PreferenceNetwork net, Params meta, Batch support, int steps) {
        FastLayout fl = net.fastLayout();
        ParamGroup rates = meta.layout().group("meta.innerLr");
        double[] theta = fl.gather(meta), grad = new double[theta.length];
        for (int j = 0; j < steps; j++) {
            net.lossAndGradient(meta, theta, support, grad, null, 0);
            for (int s = 0; s < fl.slots().size(); s++) {
                FastLayout.Slot slot = fl.slots().get(s);
                double rate = meta.get(rates.offset() + s);
                for (int i = slot.fastOffset(); i < slot.fastOffset() + slot.size(); i++) theta[i] -= rate * grad[i];
            }
        }
        return theta;
    }
}
