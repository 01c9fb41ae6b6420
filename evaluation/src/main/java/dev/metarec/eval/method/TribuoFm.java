package dev.metarec.eval.method;

import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.model.Attributes;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.fm.FMRegressionTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Baseline: a factorization machine (Rendle, "Factorization Machines", ICDM 2010) trained with
 * Tribuo's {@link FMRegressionTrainer} on the pooled training ratings. Features: one-hot user
 * attributes, item attributes (a multi-valued attribute's values share weight 1) and the item id (which
 * helps existing items only; a new item's id is unknown and ignored). It does not adapt per user.
 * AdaGrad rate, epochs and target standardisation are chosen on the validation users from
 * {@link #GRID} (a large rate with many epochs overfits badly on MovieLens 100K).
 */
public final class TribuoFm implements RatingMethod {
    private static final RegressionFactory FACTORY = new RegressionFactory();
    /** Tribuo logs every 1000 SGD iterations at INFO; keep a strong reference so the level sticks. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }
    /** Candidate (AdaGrad rate, epochs, standardise 0/1); epochs are capped by the budget. */
    static final double[][] GRID = {{0.01, 10, 1}, {0.1, 3, 0}};
    private final int factors;

    public TribuoFm(int factors) { this.factors = factors; }

    @Override public String name() { return "Tribuo FM"; }

    @Override public FittedModel fit(TrainingData data, Progress progress) {
        MutableDataset<Regressor> train = new MutableDataset<>(new SimpleDataSourceProvenance("metarec training ratings", FACTORY), FACTORY);
        for (UserTask t : data.split().train()) for (Rated r : t.all()) train.add(example(t.user().attributes(), r, r.value()));
        progress.start("Tribuo FM", GRID.length);
        Model<Regressor> best = null;
        double bestMae = Double.POSITIVE_INFINITY;
        for (int g = 0; g < GRID.length; g++) {
            int epochs = (int) Math.min(GRID[g][1], data.budget().fmEpochs());
            FMRegressionTrainer trainer = new FMRegressionTrainer(new SquaredLoss(), new AdaGrad(GRID[g][0], 0.1), epochs,
                    data.seed(), factors, 0.01, GRID[g][2] == 1);
            Model<Regressor> m = trainer.train(train);
            double mae = data.split().validation().isEmpty() ? 0 : validationMae(m, data);
            if (best == null || mae < bestMae) { best = m; bestMae = mae; }
            progress.advance(g + 1, String.format(java.util.Locale.ROOT, "best val MAE %.3f", bestMae));
            if (data.split().validation().isEmpty()) break;
        }
        progress.finish();
        Model<Regressor> model = best;
        return new FittedModel() {
            @Override public List<Integer> stepCounts() { return List.of(0); }

            @Override public double[] predict(UserTask task, Observations observed, int steps) {
                double[] out = new double[task.query().size()];
                for (int q = 0; q < out.length; q++) {
                    Example<Regressor> ex = example(task.user().attributes(), task.query().get(q), Double.NaN);
                    out[q] = model.predict(ex).getOutput().getValues()[0];
                }
                return out;
            }
        };
    }

    private static double validationMae(Model<Regressor> m, TrainingData data) {
        double s = 0;
        for (UserTask t : data.split().validation()) {
            double[] p = new double[t.query().size()];
            for (int q = 0; q < p.length; q++) p[q] = m.predict(example(t.user().attributes(), t.query().get(q), Double.NaN)).getOutput().getValues()[0];
            s += dev.metarec.eval.metrics.RatingMetrics.mae(p, t.queryValues());
        }
        return s / data.split().validation().size();
    }

    static Example<Regressor> example(Attributes user, Rated r, double target) {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        add("u:", user, names, values);
        add("i:", r.item().attributes(), names, values);
        names.add("item=" + r.itemId());
        values.add(1.0);
        names.add("bias");     // always known, so an example of only unseen values still predicts (Tribuo rejects featureless ones)
        values.add(1.0);
        Regressor y = Double.isNaN(target) ? RegressionFactory.UNKNOWN_REGRESSOR : new Regressor("rating", target);
        return new ArrayExample<>(y, names.toArray(String[]::new), values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void add(String prefix, Attributes a, List<String> names, List<Double> values) {
        for (Map.Entry<String, List<String>> e : a.values().entrySet()) {
            List<String> vs = e.getValue().stream().distinct().toList();
            for (String v : vs) {
                names.add(prefix + e.getKey() + "=" + v);
                values.add(1.0 / vs.size());
            }
        }
    }
}
