package dev.metarec.eval.method;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.data.Datasets;
import dev.metarec.eval.protocol.EvalSplit;
import dev.metarec.eval.protocol.MeluProtocol;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.eval.metrics.RatingMetrics;
import dev.metarec.meta.Learner;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MetaRecMethodTest {

    @Test
    void metaTrainedModel_adaptsToNewUsers_andIsDeterministic() {
        Dataset data = Datasets.fromSynthetic(SyntheticGenerator.generate(SyntheticConfig.small().withUsers(250).withSlateSize(1), 7));
        EvalSplit split = MeluProtocol.melu(Instant.parse("2030-01-01T00:00:00Z")).split(data, 1);
        TrainingData training = new TrainingData(split, split.strictObservations(), data, 1, new Budget(6, 3, 2, 1, 3));
        MetaRecMethod method = new MetaRecMethod(Learner.FIRST_ORDER_MAML, NetworkSettings.small());
        FittedModel model = method.fit(training, Progress.NONE);
        assertEquals(List.of(0, 1, 2, 3, 6), model.stepCounts());
        assertFalse(model.learningCurve().points().isEmpty());
        List<UserTask> newUsers = split.scenarios().get(MeluProtocol.NEW_USER_EXISTING_ITEM);
        double at0 = mae(model, newUsers, split, 0), at3 = mae(model, newUsers, split, 3);
        assertTrue(at3 < at0, "3 adaptation steps on the support set lower the query MAE: " + at3 + " vs " + at0);
        FittedModel again = method.fit(training, Progress.NONE);
        assertArrayEquals(model.predict(newUsers.get(0), split.strictObservations(), 3), again.predict(newUsers.get(0), split.strictObservations(), 3),
                "same seed, same predictions");
    }

    private static double mae(FittedModel m, List<UserTask> tasks, EvalSplit split, int steps) {
        double s = 0;
        for (UserTask t : tasks) s += RatingMetrics.mae(m.predict(t, split.strictObservations(), steps), t.queryValues());
        return s / tasks.size();
    }
}
