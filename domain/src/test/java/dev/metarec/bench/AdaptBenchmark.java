package dev.metarec.bench;

import dev.metarec.meta.AdaptResult;
import dev.metarec.meta.Batch;
import dev.metarec.meta.InnerLoop;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Adapt one user of the MeLU-size model: k SGD steps over a support set (target: 5 steps, 50 events, <= 1 ms median). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class AdaptBenchmark {
    @Param({"5"})
    int steps;
    @Param({"50"})
    int events;
    /** melu: MeLU's adapted groups (W0 included); served: what metarec's designed models adapt (W0 shared). */
    @Param({"served", "melu"})
    String design;

    private PreferenceNetwork net;
    private Params meta;
    private Batch support;
    private InnerLoop<Batch> loop;

    @Setup
    public void setUp() {
        net = "served".equals(design) ? MeluFixture.network(MeluFixture.SERVED_ADAPTED) : MeluFixture.network();
        meta = net.initialise(1);
        support = MeluFixture.tasks(2, 1, events, 1).get(0).support();
        loop = new InnerLoop<>(net, steps, 5e-3);
    }

    @Benchmark
    public AdaptResult adaptOneUser() { return loop.adapt(meta, support); }
}
