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
 */
public final class TribuoFm implements RatingMethod {
    private static final RegressionFactory FACTORY = new RegressionFactory();
    /** Tribuo logs every 1000 SGD iterations at INFO; keep a strong reference so the level sticks. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }
    private final int factors;

    public TribuoFm(int factors) { this.factors = factors; }

    @Override public String name() { return "Tribuo FM"; }

    @Override public FittedModel fit(TrainingData data, Progress progress) {
        MutableDataset<Regressor> train = new MutableDataset<>(new SimpleDataSourceProvenance("metarec training ratings", FACTORY), FACTORY);
        for (UserTask t : data.split().train()) for (Rated r : t.all()) train.add(example(t.user().attributes(), r, r.value()));
        progress.start("Tribuo FM", 1);
        FMRegressionTrainer trainer = new FMRegressionTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), data.budget().fmEpochs(),
                data.seed(), factors, 0.1, true);
        Model<Regressor> model = trainer.train(train);
        progress.advance(1, "trained");
        progress.finish();
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

    static Example<Regressor> example(Attributes user, Rated r, double target) {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        add("u:", user, names, values);
        add("i:", r.item().attributes(), names, values);
        names.add("item=" + r.itemId());
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
