package dev.metarec.bench;

import dev.metarec.features.EncodedCatalogue;
import dev.metarec.features.EncodedEntity;
import dev.metarec.features.FeatureSpec;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;
import dev.metarec.service.ServiceSettings;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Scoring a catalogue for one user with the MeLU-size model (4 user + 4 item features x 32 dims
 * -> 64 -> 64 -> 1, decision layers adapted), on one thread. Run (from the repository root):
 * <pre>
 *   ./mvnw -o -pl domain -Pbench test-compile exec:exec -Dbench=ScoringBenchmark
 * </pre>
 * {@code -Dbench} is a JMH regular expression over benchmark names (default: all benchmarks);
 * {@code -Djmh.args="..."} overrides the JMH options (default in domain/pom.xml's {@code bench} profile).
 * Mode is sample time, so JMH reports the median (p0.50) per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScoringBenchmark {
    /** 3,706 = MovieLens-1M's catalogue; 100,000 = a large catalogue. */
    @Param({"3706", "100000"})
    public int items;

    private PreferenceNetwork net;
    private Params meta;
    private double[] fast;
    private EncodedEntity user;
    private List<EncodedEntity> catalogue;
    private double[] offsets;
    private EncodedCatalogue packed;
    private double[] out;
    private PreferenceNetwork served;
    private Params servedMeta;
    private double[] servedFast;
    private float[][] sides;
    private int[] all;

    /** MovieLens-like vocabularies: gender, age, occupation, zip; rating, genres, directors, actors. */
    static final int[] USER_ROWS = {3, 8, 22, 100};
    static final int[] ITEM_ROWS = {7, 19, 2_000, 8_000};

    public static PreferenceNetwork meluNetwork() { return meluNetwork(ModelConfig.MELU_ADAPTED); }

    /** The MeLU-size network adapting {@code adapted} (same parameter layout whatever adapts). */
    public static PreferenceNetwork meluNetwork(List<String> adapted) {
        ModelConfig config = new ModelConfig(
                List.of(FeatureSpec.categorical("gender"), FeatureSpec.categorical("age"), FeatureSpec.categorical("occupation"), FeatureSpec.categorical("zip")),
                List.of(FeatureSpec.categorical("rate"), FeatureSpec.multi("genre"), FeatureSpec.multi("director"), FeatureSpec.multi("actor")),
                32, List.of(64, 64), Objective.SQUARED_ERROR, adapted, false, false, 5e-3);
        return new PreferenceNetwork(config, USER_ROWS, ITEM_ROWS, 0, 0);
    }

    /** A MovieLens-like item: one rating, 1-3 genres, 1 director, 1-4 actors. */
    public static EncodedEntity randomItem(Random r) {
        return new EncodedEntity(new int[][] {rows(r, 1, ITEM_ROWS[0]), rows(r, 1 + r.nextInt(3), ITEM_ROWS[1]),
                rows(r, 1, ITEM_ROWS[2]), rows(r, 1 + r.nextInt(4), ITEM_ROWS[3])}, -1);
    }

    public static EncodedEntity randomUser(Random r) {
        return new EncodedEntity(new int[][] {rows(r, 1, USER_ROWS[0]), rows(r, 1, USER_ROWS[1]), rows(r, 1, USER_ROWS[2]), rows(r, 1, USER_ROWS[3])}, -1);
    }

    private static int[] rows(Random r, int n, int tableRows) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = 1 + r.nextInt(tableRows - 1);
        return v;
    }

    @Setup
    public void setUp() {
        Random r = new Random(42);
        net = meluNetwork();
        meta = net.initialise(1);
        fast = net.fastLayout().gather(meta);
        for (int k = 0; k < fast.length; k++) fast[k] += 0.01 * r.nextGaussian();
        user = randomUser(r);
        catalogue = new ArrayList<>(items);
        offsets = new double[items];
        for (int i = 0; i < items; i++) {
            catalogue.add(randomItem(r));
            offsets[i] = 0.1 * r.nextGaussian();
        }
        packed = EncodedCatalogue.of(catalogue);
        out = new double[items];
        served = meluNetwork(MeluFixture.SERVED_ADAPTED);
        servedMeta = served.initialise(1);   // meta.innerLr has one entry per adapted group, so the layout differs
        servedFast = served.fastLayout().gather(servedMeta);
        for (int k = 0; k < servedFast.length; k++) servedFast[k] += 0.01 * r.nextGaussian();
        sides = served.itemSides(servedMeta, catalogue);
        all = java.util.stream.IntStream.range(0, items).toArray();
    }

    /**
     * What serving does for a designed model (W0 shared, {@link PreferenceNetwork#sharesItemSide()}): the items' share of
     * the first layer computed once per checkpoint ({@link PreferenceNetwork#itemSides}), the user's added per request.
     */
    @Benchmark
    public double[] scoreItemSides() {
        served.scoreAll(servedMeta, servedFast, user, sides, all, offsets, out);
        return out;
    }

    /**
     * {@link #scoreItemSides} as a request scores it: in two stages above {@link ServiceSettings#DEFAULT}'s exact scoring
     * limit (a first stage over every item, the best {@code rerankSize} of two rounds scored exactly), every item exactly
     * up to it (3,706 items: the same work as scoreItemSides).
     */
    @Benchmark
    public double[] scoreItemSidesServed() {
        served.scoreAll(servedMeta, servedFast, user, sides, all, offsets, out, ServiceSettings.DEFAULT.exactScored(items));
        return out;
    }

    /** The catalogue packed once ({@link EncodedCatalogue}), as a serving cache holds it. */
    @Benchmark
    public double[] scoreAllPacked() {
        net.scoreAll(meta, fast, user, packed, offsets, out);
        return out;
    }

    /** The catalogue as a list of entities. */
    @Benchmark
    public double[] scoreAll() {
        net.scoreAll(meta, fast, user, catalogue, offsets, out);
        return out;
    }
}
