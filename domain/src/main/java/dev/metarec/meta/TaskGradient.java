package dev.metarec.meta;

import dev.metarec.nn.FastLayout;
import dev.metarec.nn.Gradient;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.Params;

import java.util.List;

/**
 * The meta-gradient of one task for one {@link Learner}: adapts on the support batch exactly as
 * {@link InnerLoop} does, then differentiates the query loss L_Q(meta, theta_k(meta)).
 *
 * <p>Second order (MAML, Meta-SGD), with theta_{j+1} = theta_j - alpha (.) g_j and per-group rates alpha:
 * v_k = dL_Q/dtheta_k, then for j = k-1 .. 0
 * <pre>
 *   u = alpha (.) v_{j+1}
 *   v_j = v_{j+1} - H_j u                      (H_j: support Hessian in the fast weights at theta_j)
 *   dslow -= (d2 L_S / dslow dtheta)(theta_j) u  (the mixed block of the same Hessian-vector product)
 *   dalpha_s -= sum_{i in s} v_{j+1,i} g_{j,i}  (Meta-SGD only)
 * </pre>
 * and v_0 flows to the meta-parameters of the fast groups. The query's own slow gradient is added too.
 * With support shrinkage the step uses c * alpha (c = n / (n + tau), {@link TaskModel#innerStepScale}),
 * so every alpha above is c * alpha and the rate gradient is c times the sum.
 * Gradients are d(loss)/d(meta); the optimiser subtracts them.
 *
 * <p>Holds per-task scratch, so an instance serves one thread; results depend only on the inputs.
 */
public final class TaskGradient<B> {
    /** Losses of one task: weighted support loss before adaptation, query loss after it. */
    public record Losses(double supportBefore, double query) {}

    private final TaskModel<B> model;
    private final FastLayout fastLayout;
    private final Learner learner;
    private final int steps;
    private final double configuredRate;
    private final int rateOffset;
    private final double[][] theta;
    private final double[][] grad;
    private final double[] v;
    private final double[] u;
    private final double[] hv;
    private final String[] backwardWhere;

    public TaskGradient(TaskModel<B> model, Learner learner, int steps, double configuredRate) {
        if (steps < 1) throw new IllegalArgumentException("meta-training needs >= 1 inner step, was " + steps);
        this.model = model;
        this.fastLayout = model.fastLayout();
        this.learner = learner;
        this.steps = steps;
        this.configuredRate = configuredRate;
        var rateGroup = InnerRates.group(fastLayout);
        if (learner == Learner.META_SGD && rateGroup.isEmpty())
            throw new IllegalArgumentException("Meta-SGD learns the inner rates: the parameters need group " + InnerRates.GROUP
                    + " (1 x " + fastLayout.slots().size() + ")");
        this.rateOffset = rateGroup.map(ParamGroup::offset).orElse(-1);
        int n = fastLayout.size();
        this.theta = new double[steps + 1][n];
        this.grad = new double[steps][n];
        this.v = new double[n];
        this.u = new double[n];
        this.hv = new double[n];
        this.backwardWhere = new String[steps];
        for (int j = 0; j < steps; j++) backwardWhere[j] = "meta-gradient through inner step " + j + " of " + steps;
    }

    /**
     * Adds this task's meta-gradient into {@code into} (not cleared) and returns its losses.
     *
     * @throws NonFiniteException naming the inner or backward step and the group
     */
    public Losses addTo(Params meta, Task<B> task, Gradient into) {
        double[] baseRates = InnerRates.of(meta, fastLayout, configuredRate);
        double[] rates = InnerLoop.scaledRates(model, baseRates, task.support());
        double scale = model.innerStepScale(task.support());
        gatherInto(meta, theta[0]);
        double supportBefore = Double.NaN;
        for (int j = 0; j < steps; j++) {
            double loss = model.lossAndGradient(meta, theta[j], task.support(), grad[j], null, 0.0);
            if (!Double.isFinite(loss)) throw new NonFiniteException("inner step " + j + " of " + steps, "support loss", loss);
            if (j == 0) supportBefore = loss;
            InnerLoop.sgdStep(fastLayout, theta[j], grad[j], rates, theta[j + 1], j, steps);
        }
        double query = model.lossAndGradient(meta, theta[steps], task.query(), v, into, 1.0);
        if (!Double.isFinite(query)) throw new NonFiniteException("query after " + steps + " inner steps", "query loss", query);
        InnerLoop.requireFinite(fastLayout, v, "query gradient");
        switch (learner) {
            case FIRST_ORDER_MAML -> fastLayout.scatterAdd(v, 1.0, into);
            case REPTILE -> reptile(baseRates, into);
            case MAML, META_SGD -> backward(meta, task.support(), rates, scale, into);
        }
        return new Losses(supportBefore, query);
    }

    /**
     * Fast groups: (theta_0 - theta_k) / (k * alpha_s), the mean gradient of the inner loss along the trajectory
     * (with support shrinkage, of the scaled loss c * L: small supports pull less).
     */
    private void reptile(double[] rates, Gradient into) {
        List<FastLayout.Slot> slots = fastLayout.slots();
        for (int s = 0; s < slots.size(); s++) {
            double scale = 1.0 / (steps * rates[s]);
            int start = slots.get(s).fastOffset(), end = start + slots.get(s).size();
            for (int i = start; i < end; i++) u[i] = (theta[0][i] - theta[steps][i]) * scale;
        }
        fastLayout.scatterAdd(u, 1.0, into);
    }

    private void backward(Params meta, B support, double[] rates, double scale, Gradient into) {
        List<FastLayout.Slot> slots = fastLayout.slots();
        for (int j = steps - 1; j >= 0; j--) {
            for (int s = 0; s < slots.size(); s++) {
                int start = slots.get(s).fastOffset(), end = start + slots.get(s).size();
                double rate = rates[s];
                double dot = 0;
                for (int i = start; i < end; i++) {
                    dot += v[i] * grad[j][i];
                    u[i] = rate * v[i];
                }
                if (learner == Learner.META_SGD) into.add(rateOffset + s, -scale * dot);
            }
            model.hessianVectorProduct(meta, theta[j], support, u, hv, into, -1.0);
            for (int i = 0; i < v.length; i++) v[i] -= hv[i];
            InnerLoop.requireFinite(fastLayout, v, backwardWhere[j]);
        }
        fastLayout.scatterAdd(v, 1.0, into);
    }

    private void gatherInto(Params meta, double[] out) {
        for (FastLayout.Slot s : fastLayout.slots()) {
            int from = s.group().offset(), to = s.fastOffset();
            for (int i = 0; i < s.size(); i++) out[to + i] = meta.get(from + i);
        }
    }
}
