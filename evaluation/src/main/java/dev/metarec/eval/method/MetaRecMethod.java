package dev.metarec.eval.method;

import dev.metarec.meta.Batch;
import dev.metarec.meta.Learner;
import dev.metarec.meta.MetaTrainConfig;
import dev.metarec.meta.MetaTrainState;
import dev.metarec.meta.MetaTrainer;
import dev.metarec.meta.Task;
import dev.metarec.nn.Params;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * metarec: the preference network meta-trained with one {@link Learner} (second-order MAML,
 * first-order MAML, Reptile or Meta-SGD) on the training users' support/query tasks, with k inner
 * steps. Validation users' query MAE after k steps is checked {@code validationChecks} times; the best
 * check's parameters are kept (early stopping). The support shrinkage tau of adaptation (inner loss
 * sum / (n + tau)) is then chosen on the validation users from the training tau and
 * {@link NetworkSettings#shrinkageGrid()}. Evaluated at 0 steps (the meta-parameters as they
 * are) and at 1, 2, k and 2k steps of adaptation.
 */
public final class MetaRecMethod implements RatingMethod {
    private final Learner learner;
    private final NetworkSettings settings;

    public MetaRecMethod(Learner learner, NetworkSettings settings) {
        this.learner = learner;
        this.settings = settings;
    }

    public static String label(Learner l) {
        return switch (l) {
            case MAML -> "metarec MAML (2nd order)";
            case FIRST_ORDER_MAML -> "metarec first-order MAML";
            case REPTILE -> "metarec Reptile";
            case META_SGD -> "metarec Meta-SGD";
        };
    }

    @Override public String name() { return label(learner); }

    @Override public FittedModel fit(TrainingData data, Progress progress) {
        NetworkEncoding enc = new NetworkEncoding(data, settings);
        List<Task<Batch>> tasks = enc.tasks(data.split().train(), data.observed());
        int k = data.budget().innerSteps();
        MetaTrainConfig config = MetaTrainConfig.defaults(learner).withInnerSteps(k).withInnerLr(settings.innerLr())
                .withMetaLr(settings.outerLr()).withMetaBatchSize(Math.min(settings.metaBatchSize(), tasks.size()))
                .withThreads(data.budget().threads()).withSeed(data.seed());
        int total = Math.max(1, tasks.size() * data.budget().epochs() / config.metaBatchSize());
        int checks = data.budget().validationChecks();
        int perCheck = Math.max(1, total / checks);
        List<double[]> curve = new ArrayList<>();
        double[] lossSum = new double[2];
        Params best = null;
        double bestMae = Double.POSITIVE_INFINITY;
        progress.start(name(), total);
        try (MetaTrainer<Batch> trainer = new MetaTrainer<>(enc.network(), config)) {
            MetaTrainState state = MetaTrainState.initial(enc.network().initialise(data.seed()));
            double[] lastMae = {Double.NaN};
            while (state.step() < total) {
                int n = (int) Math.min(perCheck, total - state.step());
                state = trainer.train(state, tasks, n, report -> {
                    lossSum[0] += report.queryLoss();
                    lossSum[1]++;
                    progress.advance(report.step(), String.format(Locale.ROOT, "query loss %.3f val MAE %.3f", report.queryLoss(), lastMae[0]));
                });
                Params p = state.params();
                double valMse = data.split().validation().isEmpty() ? 0 : trainer.evaluate(p, enc.tasks(data.split().validation(), data.observed()));
                double mae = data.split().validation().isEmpty() ? 0 : AdaptingModel.mae(enc, p, data.split().validation(), data.observed(), k);
                lastMae[0] = mae;
                curve.add(new double[]{state.step(), lossSum[0] / Math.max(1, lossSum[1]), valMse});
                lossSum[0] = 0;
                lossSum[1] = 0;
                if (mae < bestMae || best == null) { bestMae = mae; best = p; }
            }
        }
        progress.finish();
        NetworkEncoding chosen = AdaptingModel.chooseShrinkage(enc, best, data, k, settings, name());
        return new AdaptingModel(chosen, best, AdaptingModel.stepSweep(k), new LearningCurve(curve));
    }
}
