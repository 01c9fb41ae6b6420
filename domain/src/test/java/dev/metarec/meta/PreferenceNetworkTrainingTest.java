package dev.metarec.meta;

import dev.metarec.nn.Objective;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;
import dev.metarec.nn.TestNetworks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Meta-training the real network (tiny shape, sparse embedding gradients): threads and resumption change nothing. */
class PreferenceNetworkTrainingTest {

    @ParameterizedTest
    @EnumSource(Learner.class)
    void oneOrThreeThreads_andAResumedRun_giveBitIdenticalParameters(Learner learner) {
        PreferenceNetwork net = TestNetworks.mixedAdapted(Objective.SQUARED_ERROR);
        List<Task<Batch>> tasks = new ArrayList<>();
        for (int u = 0; u < 24; u++) {
            Batch support = TestNetworks.randomBatch(Objective.SQUARED_ERROR, 100 + u, 6);
            Batch query = new Batch(support.user(), TestNetworks.randomBatch(Objective.SQUARED_ERROR, 200 + u, 4).examples());
            tasks.add(new Task<>("u" + u, support, query));
        }
        Params init = net.initialise(3);
        MetaTrainConfig config = MetaTrainConfig.defaults(learner).withInnerSteps(2).withMetaBatchSize(5).withSeed(11).withMetaLr(0.01);

        MetaTrainState one = train(net, config, MetaTrainState.initial(init), tasks, 9);
        MetaTrainState three = train(net, config.withThreads(3), MetaTrainState.initial(init), tasks, 9);
        MetaTrainState resumed = train(net, config.withThreads(2), train(net, config, MetaTrainState.initial(init), tasks, 4), tasks, 5);

        assertEquals(one.params(), three.params());
        assertEquals(one.params(), resumed.params());
        assertEquals(one.optimizer(), resumed.optimizer());
        assertNotEquals(init, one.params());
    }

    private static MetaTrainState train(PreferenceNetwork net, MetaTrainConfig config, MetaTrainState from, List<Task<Batch>> tasks, int steps) {
        try (MetaTrainer<Batch> trainer = new MetaTrainer<>(net, config)) {
            return trainer.train(from, tasks, steps, MetaTrainListener.NONE);
        }
    }
}
