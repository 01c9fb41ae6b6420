package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.checkpoint.CheckpointMetadata;
import dev.metarec.checkpoint.FastWeightsCodec;
import dev.metarec.features.FeatureSpace;
import dev.metarec.features.FeatureSpec;
import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.ModelConfig;
import dev.metarec.nn.Objective;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The serving path in process, MeLU-size model with a rank prior (200 neighbours per item, a blend of network,
 * popularity and neighbours) over a MovieLens-1M-size catalogue (3,706 items with
 * rate, genres, director, actors): a warm recommend for a user with stored fast weights (target <= 5 ms
 * median), a recommend that has to adapt on the fly first (target <= 10 ms), and an explicit adapt.
 * The user has 50 rating events. In-memory ports, so this measures the service, not a store.
 *
 * <pre>./mvnw -pl domain test-compile && java -cp "domain/target/test-classes:domain/target/classes:$(cat domain/target/jmh.cp)" org.openjdk.jmh.Main ServingBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class ServingBenchmark {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    /** The catalogue: 3,706 = MovieLens-1M's; {@code -p items=100000} measures a large one (both are scored in two stages, above 2,000 eligible items). */
    @org.openjdk.jmh.annotations.Param({"3706"})
    public int items;

    InMemoryPorts ports;
    RecommendService recommend;
    AdaptService adapt;
    RecommendCommand warm;
    ServingModel model;
    CatalogueIndex.Snapshot snapshot;
    double[] fast;
    dev.metarec.features.EncodedEntity user;
    double[] out;
    int[] all;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        final int ITEMS = items;
        out = new double[ITEMS];
        all = java.util.stream.IntStream.range(0, ITEMS).toArray();
        ports = new InMemoryPorts();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            List<String> genres = new ArrayList<>(), actors = new ArrayList<>();
            for (int g = 0; g <= r.nextInt(3); g++) genres.add("genre" + r.nextInt(18));
            for (int a = 0; a < 3; a++) actors.add("actor" + r.nextInt(8000));
            items.add(new Item("m" + i, new Attributes(Map.of("rate", List.of("R" + r.nextInt(6)), "genre", genres,
                    "director", List.of("d" + r.nextInt(2000)), "actor", actors)), null));
        }
        List<UserProfile> users = new ArrayList<>();
        for (int u = 0; u < 2000; u++) users.add(new UserProfile("u" + u, Attributes.of("gender", r.nextBoolean() ? "M" : "F",
                "age", "" + r.nextInt(7), "occupation", "" + r.nextInt(21), "zip", "z" + r.nextInt(3400))));
        // MeLU's size (embeddings 32, hidden 64, 64), adapting what metarec's designed models adapt (ModelDesign)
        ModelConfig config = new ModelConfig(
                List.of(FeatureSpec.categorical("gender"), FeatureSpec.categorical("age"), FeatureSpec.categorical("occupation"), FeatureSpec.categorical("zip")),
                List.of(FeatureSpec.categorical("rate"), FeatureSpec.multi("genre"), FeatureSpec.categorical("director"), FeatureSpec.multi("actor")),
                32, List.of(64, 64), Objective.SQUARED_ERROR, ModelDesign.adapted(List.of(64, 64)), false, false, 5e-3);
        FeatureSpace features = FeatureSpace.fit(config, users, items, 1);
        PreferenceNetwork net = new PreferenceNetwork(config, features.userTableRows(), features.itemTableRows(), features.userIdRows(), features.itemIdRows());
        // the served order's rank prior: 200 neighbours per item from 6,000 generated users of 30 items each, a support-set encoder
        // of width 64 over every item, 200 forward neighbours per item from the same histories, a blend of all five signals
        List<List<String>> histories = new ArrayList<>();
        for (int u = 0; u < 6000; u++) {
            List<String> h = new ArrayList<>();
            for (int e = 0; e < 30; e++) h.add("m" + r.nextInt(ITEMS));
            histories.add(h);
        }
        dev.metarec.rank.RankPrior rank = new dev.metarec.rank.RankPrior(dev.metarec.rank.ItemNeighbours.fit(histories, 200, 10.0),
                new dev.metarec.rank.RankBlend(new int[]{1, 3, 5, 10, 20}, new double[][]{{1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}}),
                baseline(r), encoder(r), dev.metarec.rank.ItemNeighbours.fit(histories, 200, 10.0, 0.5, Integer.MAX_VALUE));
        Checkpoint c = new Checkpoint("ckpt-bench", config, features, net.initialise(7), CheckpointMetadata.of(NOW, "fomaml", 0, Map.of()), rank);
        for (int i = 0; i < ITEMS; i++) {
            int n = 1 + r.nextInt(500);
            ports.stats.add("m" + i, n, 0.0, r.nextInt(n + 1), 0.0);   // users who interacted, and those who liked it
        }
        CheckpointCodec codec = new CheckpointCodec();
        ports.checkpoints.write(c.checkpointId(), codec.encode(c));
        ports.pointer.moveCurrent(null, c.checkpointId());
        items.forEach(ports.catalog::upsert);
        users.forEach(ports.profiles::upsert);
        for (int e = 0; e < 50; e++)
            ports.events.append(new Event("e" + e, "u1", "m" + r.nextInt(ITEMS), EventType.RATING, 1.0 + r.nextInt(5), NOW.minusSeconds(e)), NOW);
        ServiceSettings settings = ServiceSettings.DEFAULT.withRefresh(Duration.ofHours(1), Duration.ofHours(1));
        ChampionCache champion = new ChampionCache(ports.pointer, ports.checkpoints, codec, settings.adaptSteps(), settings.championRefresh());
        CatalogueIndex catalogue = new CatalogueIndex(ports.catalog, ports.stats, settings);
        FastWeightsCodec fastCodec = new FastWeightsCodec();
        adapt = new AdaptService(champion, catalogue, ports.events, ports.profiles, ports.fast, fastCodec, settings);
        recommend = new RecommendService(champion, catalogue, ports.events, ports.profiles, ports.fast, fastCodec, adapt, settings, () -> "r");
        warm = RecommendCommand.of("u1", 10, null, null, null, null, 0.1, Limits.DEFAULT);
        if (recommend.recommend(warm, NOW).mode() != Recommendation.Mode.ADAPTED) throw new IllegalStateException("setup: first call adapts");
        if (recommend.recommend(warm, NOW).mode() != Recommendation.Mode.STORED) throw new IllegalStateException("setup: second call is warm");
        model = champion.require(NOW);
        snapshot = catalogue.snapshot(model, java.time.Instant.EPOCH);
        fast = adapt.adapt("u1", NOW).fast();
        user = model.encodeUser(ports.profiles.find("u1").orElseThrow());
    }

    /** The network alone scoring the whole catalogue for the user, item side included (what a per-user W0 would cost). */
    @Benchmark
    public double[] networkScoreAllOnly() {
        model.network().scoreAll(model.meta(), fast, user, snapshot.encoded(), null, out);
        return out;
    }

    /** The network alone scoring the whole catalogue for the user from the snapshot's item sides: what serving does. */
    @Benchmark
    public double[] networkScoreItemSides() {
        model.network().scoreAll(model.meta(), fast, user, snapshot.itemSides(), all, null, out);
        return out;
    }

    /** Stored fast weights of the current champion: decode, score 3,706 items, top 10 with explanations. */
    @Benchmark
    public Recommendation warmRecommend() { return recommend.recommend(warm, NOW); }

    /** The stored weights are gone (stale or another checkpoint): adapt 5 steps on 50 events, store, then score. */
    @Benchmark
    public Recommendation recommendAdaptingOnTheFly() {
        ports.fast.map.remove("u1");
        return recommend.recommend(warm, NOW);
    }

    /** The adapt function alone: load events, build the support set, 5 inner steps, encode and store. */
    @Benchmark
    public AdaptService.Outcome adapt() { return adapt.adapt("u1", NOW); }

    /** An item baseline for every item, as a champion trained on ratings has (added to each scored item). */
    private dev.metarec.rank.ItemBaseline baseline(SplittableRandom r) {
        java.util.TreeMap<String, Double> b = new java.util.TreeMap<>();
        for (int i = 0; i < items; i++) b.put("m" + i, (r.nextDouble() - 0.5) * 0.6);
        return new dev.metarec.rank.ItemBaseline(new ArrayList<>(b.keySet()), b.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A support-set encoder of width 64 over every item, random values of a trained one's scale. */
    private dev.metarec.rank.SupportEncoder encoder(SplittableRandom r) {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        for (int i = 0; i < items; i++) ids.add("m" + i);
        int d = 64;
        float[] in = new float[items * d], out = new float[items * d], bias = new float[items];
        for (int i = 0; i < in.length; i++) { in[i] = (float) (r.nextGaussian() * 0.1); out[i] = (float) (r.nextGaussian() * 0.1); }
        for (int i = 0; i < items; i++) bias[i] = (float) r.nextGaussian();
        return new dev.metarec.rank.SupportEncoder(new ArrayList<>(ids), d, in, out, bias);
    }
}
