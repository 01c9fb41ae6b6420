package dev.metarec.bench;

import dev.metarec.meta.Batch;
import dev.metarec.meta.Learner;
import dev.metarec.meta.MetaTrainConfig;
import dev.metarec.meta.MetaTrainListener;
import dev.metarec.meta.MetaTrainState;
import dev.metarec.meta.MetaTrainer;
import dev.metarec.meta.Task;
import dev.metarec.nn.PreferenceNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Meta-training throughput of the MeLU-size model in tasks per second: ten outer steps (meta-batches of
 * 32 tasks, 45-event support sets, 15-event query sets, Adam updates included) per invocation.
 * Target: >= 1,000 tasks/s for first-order MAML with 1 inner step on 2 threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class MetaTrainBenchmark {
    static final int META_BATCH = 32;
    static final int STEPS = 10;

    @Param({"FIRST_ORDER_MAML", "MAML"})
    Learner learner;
    @Param({"1", "5"})
    int innerSteps;
    @Param({"2"})
    int threads;

    private List<Task<Batch>> tasks;
    private MetaTrainer<Batch> trainer;
    private MetaTrainState state;

    @Setup(Level.Trial)
    public void setUp() {
        PreferenceNetwork net = MeluFixture.network();
        tasks = MeluFixture.tasks(3, 512, 45, 15);
        MetaTrainConfig config = MetaTrainConfig.defaults(learner).withInnerSteps(innerSteps).withMetaBatchSize(META_BATCH)
                .withThreads(threads).withMetaLr(1e-5);
        trainer = new MetaTrainer<>(net, config);
        state = MetaTrainState.initial(net.initialise(1));
    }

    @TearDown(Level.Trial)
    public void tearDown() { trainer.close(); }

    @Benchmark
    @OperationsPerInvocation(META_BATCH * STEPS)
    public MetaTrainState tenOuterSteps() {
        state = trainer.train(state, tasks, STEPS, MetaTrainListener.NONE);
        return state;
    }
}
