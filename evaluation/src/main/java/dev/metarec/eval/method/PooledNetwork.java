package dev.metarec.eval.method;

import dev.metarec.eval.protocol.UserTask;
import dev.metarec.meta.Batch;
import dev.metarec.nn.FastLayout;
import dev.metarec.nn.Gradient;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;
import dev.metarec.optim.Adam;
import dev.metarec.optim.AdamState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Baseline without meta-learning: the same network and features trained by plain supervised learning
 * (Adam, Kingma and Ba, ICLR 2015) on the pooled ratings of the training users, minibatches of whole
 * user histories. Stopped at the check with the lowest validation MAE. Evaluated without adaptation
 * (0 steps) and fine-tuned per user with the same inner loop and steps as metarec, its inner rate
 * chosen on the validation users, then its support shrinkage tau (as for metarec).
 */
public final class PooledNetwork implements RatingMethod {
    private final NetworkSettings settings;

    public PooledNetwork(NetworkSettings settings) { this.settings = settings; }

    @Override public String name() { return "pooled network"; }

    @Override public FittedModel fit(TrainingData data, Progress progress) {
        NetworkEncoding enc = new NetworkEncoding(data, settings);
        PreferenceNetwork net = enc.network();
        List<Batch> batches = new ArrayList<>();
        for (UserTask t : data.split().train()) batches.add(enc.batch(t.user(), t.all(), data.observed()));
        int perEpoch = Math.max(1, batches.size() / settings.metaBatchSize());
        int total = perEpoch * data.budget().epochs();
        int checkEvery = Math.max(1, total / data.budget().validationChecks());
        Params p = net.initialise(data.seed());
        Adam adam = Adam.of(settings.outerLr());
        AdamState adamState = AdamState.initial(p.layout());
        FastLayout fl = net.fastLayout();
        Gradient g = new Gradient(p.layout());
        double[] gradFast = new double[fl.size()];
        Random rng = new Random(data.seed());
        List<Integer> order = new ArrayList<>();
        Params best = p;
        double bestMae = Double.POSITIVE_INFINITY, trainLoss = 0;
        int lossCount = 0;
        List<double[]> curve = new ArrayList<>();
        progress.start(name(), total);
        for (int step = 1; step <= total; step++) {
            g.clear();
            for (int b = 0; b < settings.metaBatchSize(); b++) {
                if (order.isEmpty()) { for (int i = 0; i < batches.size(); i++) order.add(i); Collections.shuffle(order, rng); }
                Batch batch = batches.get(order.remove(order.size() - 1));
                trainLoss += net.lossAndGradient(p, fl.gather(p), batch, gradFast, g, 1.0 / settings.metaBatchSize());
                lossCount++;
                fl.scatterAdd(gradFast, 1.0 / settings.metaBatchSize(), g);
            }
            g.requireFinite("pooled training step " + step);
            p = adam.stepAndAdvance(p, g, adamState);
            if (step % checkEvery == 0 || step == total) {
                double mae = data.split().validation().isEmpty() ? 0 : AdaptingModel.mae(enc, p, data.split().validation(), data.observed(), 0);
                double mse = data.split().validation().isEmpty() ? 0 : validationMse(enc, p, data);
                curve.add(new double[]{step, trainLoss / lossCount, mse});
                trainLoss = 0;
                lossCount = 0;
                if (mae < bestMae) { bestMae = mae; best = p; }
            }
            progress.advance(step, String.format("loss %.3f best val MAE %.3f", curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1)[1], bestMae));
        }
        progress.finish();
        int k = data.budget().innerSteps();
        Params tuned = chooseInnerRate(enc, best, data, k);
        NetworkEncoding chosen = AdaptingModel.chooseShrinkage(enc, tuned, data, k, settings, name());
        return new AdaptingModel(chosen, tuned, AdaptingModel.stepSweep(k), new LearningCurve(curve));
    }

    /** The fine-tuning rate from the grid with the lowest validation MAE after k steps (at the configured tau). */
    private Params chooseInnerRate(NetworkEncoding enc, Params p, TrainingData data, int k) {
        if (data.split().validation().isEmpty()) return AdaptingModel.withInnerRate(p, settings.innerLr());
        Params best = null;
        double bestMae = Double.POSITIVE_INFINITY;
        for (double lr : settings.innerLrGrid()) {
            Params candidate = AdaptingModel.withInnerRate(p, lr);
            double mae = AdaptingModel.mae(enc, candidate, data.split().validation(), data.observed(), k);
            if (mae < bestMae) { bestMae = mae; best = candidate; }
        }
        return best;
    }

    static double validationMse(NetworkEncoding enc, Params p, TrainingData data) {
        double s = 0;
        for (UserTask t : data.split().validation())
            s += enc.network().loss(p, enc.network().fastLayout().gather(p), enc.batch(t.user(), t.query(), data.observed()));
        return s / data.split().validation().size();
    }
}
