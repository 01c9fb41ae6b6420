package dev.metarec.checkpoint;

import dev.metarec.features.FeatureSpace;
import dev.metarec.features.FeatureSpec;
import dev.metarec.model.Attributes;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.FastLayout;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Codec costs on the serving path (JMH; not part of the test run). A MeLU-size network with
 * MovieLens-1M-size ID tables (6,040 users, 3,706 items; 333K parameters): decoding the checkpoint
 * (cold start of a function), and encoding / decoding one user's fast weights (every adapt / recommend).
 * Run:
 * <pre>
 * ./mvnw -o -q -pl domain test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * cd domain && java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.openjdk.jmh.Main CodecBenchmark
 * </pre>
 * Measured 2026-11-28 on the shared 2-core machine at load average ~15 (so inflated several-fold):
 * decodeCheckpoint 25.7 ms, decodeFastWeights 386 us, encodeFastWeights 452 us per operation; thread
 * CPU time per operation in the same conditions: 6.3 ms, 104 us, 158 us.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private final CheckpointCodec checkpointCodec = new CheckpointCodec();
    private final FastWeightsCodec fastCodec = new FastWeightsCodec();
    private byte[] checkpointBytes;
    private FastLayout fastLayout;
    private Params meta;
    private double[] fast;
    private byte[] fastBytes;

    @Setup
    public void setUp() {
        List<FeatureSpec> user = List.of(FeatureSpec.categorical("gender"), FeatureSpec.categorical("age"), FeatureSpec.categorical("occupation"));
        List<FeatureSpec> item = List.of(FeatureSpec.categorical("rate"), FeatureSpec.multi("genre"), FeatureSpec.multi("director"), FeatureSpec.multi("actor"));
        ModelConfig config = new ModelConfig(user, item, 32, List.of(64, 64), Objective.SQUARED_ERROR, ModelConfig.MELU_ADAPTED, true, false, 5e-3);
        SplittableRandom r = new SplittableRandom(1);
        List<UserProfile> users = new ArrayList<>();
        for (int u = 0; u < 6040; u++)
            users.add(new UserProfile("u" + u, Attributes.of("gender", r.nextBoolean() ? "M" : "F", "age", "a" + r.nextInt(7), "occupation", "o" + r.nextInt(21))));
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 3706; i++)
            items.add(new Item("i" + i, Attributes.of("rate", "r" + r.nextInt(6), "genre", "g" + r.nextInt(18) + "|g" + r.nextInt(18),
                    "director", "d" + r.nextInt(2000), "actor", "x" + r.nextInt(8000) + "|x" + r.nextInt(8000) + "|x" + r.nextInt(8000)), null));
        FeatureSpace space = FeatureSpace.fit(config, users, items, 1);
        PreferenceNetwork net = new PreferenceNetwork(config, space.userTableRows(), space.itemTableRows(), space.userIdRows(), space.itemIdRows());
        meta = net.initialise(7);
        checkpointBytes = checkpointCodec.encode(new Checkpoint("bench", config, space, meta,
                CheckpointMetadata.of(Instant.EPOCH, "fomaml", 1, Map.of())));
        fastLayout = net.fastLayout();
        fast = fastLayout.gather(meta);
        for (int k = 0; k < fast.length; k++) fast[k] += 1e-3 * r.nextGaussian();
        fastBytes = fastCodec.encode(fastLayout, meta, fast);
    }

    @Benchmark
    public Checkpoint decodeCheckpoint() { return checkpointCodec.decode(checkpointBytes); }

    @Benchmark
    public byte[] encodeFastWeights() { return fastCodec.encode(fastLayout, meta, fast); }

    @Benchmark
    public double[] decodeFastWeights() { return fastCodec.decode(fastBytes, fastLayout, meta); }
}
