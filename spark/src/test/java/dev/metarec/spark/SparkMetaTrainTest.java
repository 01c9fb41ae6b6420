package dev.metarec.spark;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.meta.Learner;
import dev.metarec.nn.Params;
import dev.metarec.port.EventLogStore;
import dev.metarec.rank.RankPrior;
import dev.metarec.service.MetaTrainService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark job against the in-process trainer on the same generated data, written in DynamoDB's export format. */
class SparkMetaTrainTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    static final GeneratedData DATA = new GeneratedData(90, 40, 3, 14, 7);
    static final JobOptions OPTIONS = JobOptions.defaults().withPreset("demo").withTargetSteps(12).withMetaBatchSize(8);

    @TempDir static Path dir;
    static SparkMetaTrain.Inputs inputs;

    @BeforeAll
    static void writeExports() { inputs = DATA.writeExports(dir, 3); }

    @Test
    void sparkLocal2_matchesInProcessMetaTrainer_within1e9() {
        Checkpoint inProcess = inProcessCheckpoint(OPTIONS);
        MemoryPorts ports = new MemoryPorts();
        SparkMetaTrain.Result spark = job(ports, OPTIONS.withPartitions(3)).run(inputs);

        assertEquals(SparkMetaTrain.Status.PROMOTED, spark.status(), spark.message());
        assertEquals(spark.checkpointId(), ports.champion);
        assertClose(inProcess.params(), spark.params(), 1e-9);
        Checkpoint promoted = new CheckpointCodec().decode(ports.checkpoints.get(spark.checkpointId()));
        assertEquals(spark.params(), promoted.params());
        assertTrue(promoted.metadata().metrics().containsKey("serving.priorOffset"));
        assertEquals(5.0, promoted.metadata().metrics().get("serving.maxTarget"));
        RankPrior expected = inProcess.rank();
        assertFalse(promoted.rank().isNone(), "a Spark champion ranks with a rank prior too");
        assertEquals(expected.neighbours(), promoted.rank().neighbours(), "the same item neighbours as the in-process trainer");
        assertEquals(expected.blend(), promoted.rank().blend(), "the same blend as the in-process trainer");
        assertFalse(promoted.rank().baseline().isEmpty(), "ratings: the network is trained on top of an item baseline");
        assertEquals(expected.baseline().items(), promoted.rank().baseline().items(), "the same items have a baseline");
        double[] want = expected.baseline().values(), got = promoted.rank().baseline().values();
        for (int i = 0; i < want.length; i++)   // summed per partition, so equal up to the order of additions
            assertEquals(want[i], got[i], 1e-12, "baseline of " + expected.baseline().items().get(i));
    }

    @Test
    void onePartition_isBitIdenticalToInProcessMetaTrainer() {
        JobOptions maml = OPTIONS.withLearner(Learner.MAML).withTargetSteps(6);
        Params inProcess = inProcess(maml);
        SparkMetaTrain.Result spark = job(new MemoryPorts(), maml.withPartitions(1)).run(inputs);
        assertArrayEquals(inProcess.toArray(), spark.params().toArray());
    }

    @Test
    void twoSparkRuns_withTheSameSeed_areIdentical_throughAReductionTree() {
        JobOptions tree = OPTIONS.withPartitions(5).withFanIn(2);
        SparkMetaTrain.Result a = job(new MemoryPorts(), tree).run(inputs);
        SparkMetaTrain.Result b = job(new MemoryPorts(), tree).run(inputs);
        assertArrayEquals(a.params().toArray(), b.params().toArray());
        assertClose(inProcess(OPTIONS), a.params(), 1e-9);
    }

    @Test
    void aChallengerThatIsNotBetter_isRejected_andTheChampionKeepsServing() {
        MemoryPorts ports = new MemoryPorts();
        SparkMetaTrain.Result first = job(ports, OPTIONS).run(inputs);
        String champion = ports.champion;
        SparkMetaTrain.Result second = job(ports, OPTIONS.withTargetSteps(1).withSeed(99)).run(inputs);

        assertEquals(SparkMetaTrain.Status.PROMOTED, first.status());
        assertTrue(second.status() == SparkMetaTrain.Status.REJECTED || second.status() == SparkMetaTrain.Status.PROMOTED, second.message());
        if (second.status() == SparkMetaTrain.Status.REJECTED) {
            assertEquals(champion, ports.champion);
            assertEquals(1, ports.checkpoints.size());
        }
    }

    static SparkMetaTrain job(MemoryPorts ports, JobOptions options) {
        return new SparkMetaTrain(LocalSpark.context(), ports.checkpointStore(), ports.pointer(), options, CLOCK);
    }

    /** The promoted parameters of the in-process service on the same data and settings. */
    static Params inProcess(JobOptions options) { return inProcessCheckpoint(options).params(); }

    /** The checkpoint the in-process service promotes on the same data and settings. */
    static Checkpoint inProcessCheckpoint(JobOptions options) {
        MemoryPorts ports = new MemoryPorts();
        DATA.events(ports.events::add);
        DATA.items(ports.items::add);
        DATA.profiles(ports.profiles::add);
        MetaTrainService service = new MetaTrainService(ports.eventStore(), ports.catalogStore(), ports.profileStore(), ports.checkpointStore(),
                ports.pointer(), ports.progressStore(), EventLogStore.NONE, new CheckpointCodec(), options.metaTrain(), options.serving(), CLOCK);
        MetaTrainService.Result r = service.run(Duration.ofHours(1));
        assertEquals(MetaTrainService.Status.PROMOTED, r.status(), r.message());
        return new CheckpointCodec().decode(ports.checkpoints.get(r.checkpointId()));
    }

    static void assertClose(Params expected, Params actual, double tolerance) {
        assertEquals(expected.layout(), actual.layout());
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) worst = Math.max(worst, Math.abs(expected.get(i) - actual.get(i)));
        assertTrue(worst <= tolerance, "largest difference " + worst + " exceeds " + tolerance);
    }
}
