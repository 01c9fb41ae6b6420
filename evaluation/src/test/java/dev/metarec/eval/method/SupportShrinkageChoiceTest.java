package dev.metarec.eval.method;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.data.Datasets;
import dev.metarec.eval.protocol.EvalSplit;
import dev.metarec.eval.protocol.MeluProtocol;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adaptation's support shrinkage tau is the validation users' choice, and the network adapts with it. */
class SupportShrinkageChoiceTest {

    @Test
    void chosenTau_hasTheLowestValidationMae_andChangesTheAdaptation() {
        Dataset data = Datasets.fromSynthetic(SyntheticGenerator.generate(SyntheticConfig.small().withUsers(200).withSlateSize(1), 3));
        EvalSplit split = MeluProtocol.melu(Instant.parse("2030-01-01T00:00:00Z")).split(data, 1);
        TrainingData training = new TrainingData(split, split.strictObservations(), data, 1, new Budget(2, 3, 2, 1, 1));
        NetworkSettings settings = NetworkSettings.small().withShrinkageGrid(List.of(0.0, 3.0, 1e6));
        NetworkEncoding enc = new NetworkEncoding(training, settings);
        var p = AdaptingModel.withInnerRate(enc.network().initialise(1), 0.05);
        NetworkEncoding chosen = AdaptingModel.chooseShrinkage(enc, p, training, 3, settings, "test");
        double best = AdaptingModel.mae(chosen, p, split.validation(), split.strictObservations(), 3);
        for (double tau : List.of(0.0, 3.0, 1e6)) {
            double mae = AdaptingModel.mae(enc.withSupportShrinkage(tau), p, split.validation(), split.strictObservations(), 3);
            assertTrue(best <= mae, "tau " + chosen.network().config().supportShrinkage() + " (" + best + ") is no worse than tau " + tau + " (" + mae + ")");
        }
        var task = split.validation().get(0);
        assertNotEquals(AdaptingModel.adapt(enc.withSupportShrinkage(0), p, task, split.strictObservations(), 3)[0],
                AdaptingModel.adapt(enc.withSupportShrinkage(1e6), p, task, split.strictObservations(), 3)[0], "tau changes the adapted weights");
        assertEquals(enc.network().layout(), enc.withSupportShrinkage(5).network().layout(), "same parameter layout");
    }
}
