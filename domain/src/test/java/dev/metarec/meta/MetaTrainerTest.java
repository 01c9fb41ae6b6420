package dev.metarec.meta;

import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaTrainerTest {
    private final TanhTaskModel model = new TanhTaskModel(3, 3, 4, true);
    private final List<Task<RegressionBatch>> tasks = tasks(new SplittableRandom(5), 40);
    private final Params init = model.init(new SplittableRandom(9), 0.05);

    /** Users share a direction (1, -1, 0.5) and differ by a personal offset: something to meta-learn. */
    static List<Task<RegressionBatch>> tasks(SplittableRandom r, int n) {
        List<Task<RegressionBatch>> out = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            double[] w = {1 + 0.5 * r.nextGaussian(), -1 + 0.5 * r.nextGaussian(), 0.5};
            out.add(new Task<>("u" + u, RegressionBatch.random(r, 5, w, 0.1), RegressionBatch.random(r, 8, w, 0.1)));
        }
        return out;
    }

    private MetaTrainConfig config(Learner learner) {
        return MetaTrainConfig.defaults(learner).withInnerSteps(2).withInnerLr(0.05).withMetaLr(0.01).withMetaBatchSize(8).withSeed(17);
    }

    private MetaTrainState run(MetaTrainConfig config, MetaTrainState from, int steps) {
        try (MetaTrainer<RegressionBatch> trainer = new MetaTrainer<>(model, config)) {
            return trainer.train(from, tasks, steps, MetaTrainListener.NONE);
        }
    }

    @ParameterizedTest
    @EnumSource(Learner.class)
    void train_lowersThePostAdaptationQueryLoss(Learner learner) {
        MetaTrainConfig config = config(learner);
        try (MetaTrainer<RegressionBatch> trainer = new MetaTrainer<>(model, config)) {
            double before = trainer.evaluate(init, tasks);
            MetaTrainState after = trainer.train(MetaTrainState.initial(init), tasks, 60, MetaTrainListener.NONE);
            double lossAfter = trainer.evaluate(after.params(), tasks);
            assertTrue(lossAfter < 0.7 * before, learner + ": " + before + " -> " + lossAfter);
            assertEquals(60, after.step());
            assertEquals(60 * 8, after.cursor());
        }
    }

    @ParameterizedTest
    @EnumSource(Learner.class)
    void sameSeed_givesBitIdenticalParameters_onOneOrFourThreads(Learner learner) {
        MetaTrainState a = run(config(learner), MetaTrainState.initial(init), 12);
        MetaTrainState b = run(config(learner), MetaTrainState.initial(init), 12);
        MetaTrainState c = run(config(learner).withThreads(4), MetaTrainState.initial(init), 12);
        assertEquals(a.params(), b.params());
        assertEquals(a.params(), c.params());
        assertNotEquals(a.params(), run(config(learner).withSeed(18), MetaTrainState.initial(init), 12).params(),
                "another seed visits tasks in another order");
    }

    @Test
    void resumedRun_equalsAnUninterruptedOne() {
        MetaTrainConfig config = config(Learner.META_SGD).withThreads(2);
        MetaTrainState whole = run(config, MetaTrainState.initial(init), 13);
        MetaTrainState half = run(config, MetaTrainState.initial(init), 6);
        MetaTrainState halfCopy = new MetaTrainState(half.params(), half.optimizer().copy(), half.step(), half.cursor(), half.taskCount());
        MetaTrainState resumed = run(config, half, 7);
        assertEquals(halfCopy.optimizer(), half.optimizer(), "training must not change the state it was given");
        assertEquals(halfCopy, half);
        assertEquals(whole.params(), resumed.params());
        assertEquals(whole.step(), resumed.step());
        assertEquals(whole.cursor(), resumed.cursor());
        assertEquals(whole.optimizer(), resumed.optimizer());
    }

    @Test
    void evaluate_isTheMeanPostAdaptationQueryLoss_onAnyNumberOfThreads() {
        double expected = 0;
        InnerLoop<RegressionBatch> loop = new InnerLoop<>(model, 2, 0.05);
        for (Task<RegressionBatch> t : tasks) expected += model.loss(init, loop.adapt(init, t.support()).fast(), t.query());
        expected /= tasks.size();
        try (MetaTrainer<RegressionBatch> one = new MetaTrainer<>(model, config(Learner.MAML));
             MetaTrainer<RegressionBatch> three = new MetaTrainer<>(model, config(Learner.MAML).withThreads(3))) {
            assertEquals(expected, one.evaluate(init, tasks), 0.0);
            assertEquals(expected, three.evaluate(init, tasks), 0.0);
        }
    }

    @Test
    void resume_onADifferentTaskList_isRefused() {
        MetaTrainState half = run(config(Learner.MAML), MetaTrainState.initial(init), 2);
        try (MetaTrainer<RegressionBatch> trainer = new MetaTrainer<>(model, config(Learner.MAML))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> trainer.train(half, tasks.subList(0, 30), 1, MetaTrainListener.NONE));
            assertTrue(e.getMessage().contains("40") && e.getMessage().contains("30"), e.getMessage());
        }
    }

    @Test
    void listener_seesEveryStepWithFiniteLosses() {
        List<StepReport> reports = new ArrayList<>();
        try (MetaTrainer<RegressionBatch> trainer = new MetaTrainer<>(model, config(Learner.MAML).withClipNorm(1e-3))) {
            trainer.train(MetaTrainState.initial(init), tasks, 5, reports::add);
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), reports.stream().map(StepReport::step).toList());
        for (StepReport r : reports) {
            assertTrue(Double.isFinite(r.queryLoss()) && r.queryLoss() > 0, r.toString());
            assertTrue(r.clipped() && r.gradientNorm() > 1e-3, r.toString());
            assertEquals(8, r.tasks());
        }
    }

    @Test
    void metaSgd_keepsTheLearnedRatesInsideTheirBounds() {
        MetaTrainConfig config = new MetaTrainConfig(Learner.META_SGD, 2, 0.05, 0.05, 8, 1, 17, 10, 0.01, 0.06);
        MetaTrainState s = run(config, MetaTrainState.initial(init), 40);
        ParamGroup rates = s.params().layout().group(InnerRates.GROUP);
        boolean moved = false;
        for (int i = rates.offset(); i < rates.end(); i++) {
            double r = s.params().get(i);
            assertTrue(r >= 0.01 && r <= 0.06, "rate " + r);
            moved |= r != init.get(i);
        }
        assertTrue(moved, "Meta-SGD must change its rates");
    }

    @Test
    void nonFiniteGradient_stopsTheStep_namingMetaStepTaskInnerStepAndGroup() {
        var poisoned = new InnerLoopTest.PoisonedModel(model, 8 * 2 * 2 + 1, "W", false);
        try (MetaTrainer<RegressionBatch> trainer = new MetaTrainer<>(poisoned, config(Learner.MAML))) {
            MetaTrainState first = trainer.step(MetaTrainState.initial(init), tasks, MetaTrainListener.NONE);
            NonFiniteException e = assertThrows(NonFiniteException.class, () -> trainer.step(first, tasks, MetaTrainListener.NONE));
            assertTrue(e.where().startsWith("meta step 2, task u"), e.where());
            assertTrue(e.where().endsWith("inner step 0 of 2"), e.where());
            assertEquals("gradient of W", e.group());
            assertEquals(-1, first.params().firstNonFinite());
        }
    }

    @Test
    void nonFiniteSlowGradient_stopsTheStep_namingTheMetaStepAndGroup() {
        TaskModel<RegressionBatch> slowNaN = new TaskModel<>() {
            @Override public dev.metarec.nn.FastLayout fastLayout() { return model.fastLayout(); }
            @Override public double loss(Params meta, double[] fast, RegressionBatch b) { return model.loss(meta, fast, b); }
            @Override public double lossAndGradient(Params meta, double[] fast, RegressionBatch b, double[] gf, dev.metarec.nn.Gradient gs, double scale) {
                double loss = model.lossAndGradient(meta, fast, b, gf, gs, scale);
                if (gs != null) gs.add(meta.layout().group("o").offset(), Double.NaN);
                return loss;
            }
            @Override public void hessianVectorProduct(Params meta, double[] fast, RegressionBatch b, double[] v, double[] hv, dev.metarec.nn.Gradient gs, double scale) {
                model.hessianVectorProduct(meta, fast, b, v, hv, gs, scale);
            }
        };
        try (MetaTrainer<RegressionBatch> trainer = new MetaTrainer<>(slowNaN, config(Learner.FIRST_ORDER_MAML).withThreads(2))) {
            NonFiniteException e = assertThrows(NonFiniteException.class, () -> trainer.step(MetaTrainState.initial(init), tasks, MetaTrainListener.NONE));
            assertEquals("meta step 1, mean meta-gradient", e.where());
            assertEquals("gradient of o", e.group());
        }
    }

    @Test
    void nonFiniteParameters_areRefusedAtTheStart() {
        Params bad = init.with(0, Double.POSITIVE_INFINITY);
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> MetaTrainState.initial(bad));
        assertEquals("P", e.group());
    }
}
