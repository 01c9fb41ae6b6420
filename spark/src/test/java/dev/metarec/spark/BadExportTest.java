package dev.metarec.spark;

import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input names the file and line (or key), and promotes nothing; an empty export ends the run and says why. */
class BadExportTest {
    static final GeneratedData DATA = new GeneratedData(30, 20, 4, 8, 3);
    static final JobOptions OPTIONS = JobOptions.defaults().withPreset("demo").withTargetSteps(2).withMetaBatchSize(4);

    @TempDir Path dir;

    @Test
    void malformedLine_failsTheRun_namingFileAndLine_andPromotesNothing() {
        SparkMetaTrain.Inputs in = DATA.writeExports(dir, 1);
        ExportWriter events = new ExportWriter(dir.resolve("bad-events"), "01700000000001-events", 1);
        DATA.events(e -> { if (e.userId().equals(GeneratedData.user(0))) events.event(e); });
        events.raw(0, "{\"Item\":{\"userId\":{\"S\":\"u9\"},\"eventId\":{\"S\":\"e1\"},\"ts\":{\"N\":\"not-a-number\"}}}");
        events.close();
        MemoryPorts ports = new MemoryPorts();

        ExportFormatException e = assertThrows(ExportFormatException.class,
                () -> job(ports).run(new SparkMetaTrain.Inputs(events.folder().toString(), in.items(), in.profiles())));

        long[] lines = new long[1];
        DATA.events(x -> { if (x.userId().equals(GeneratedData.user(0))) lines[0]++; });
        assertTrue(e.getMessage().contains(events.dataFile(0).toString() + " line " + (lines[0] + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("'not-a-number' is not a number"), e.getMessage());
        assertNothingPromoted(ports);
    }

    @Test
    void missingManifest_failsTheRun_namingTheManifest() throws Exception {
        SparkMetaTrain.Inputs in = DATA.writeExports(dir, 1);
        Files.delete(Path.of(in.profiles()).resolve("manifest-summary.json"));
        MemoryPorts ports = new MemoryPorts();

        ExportFormatException e = assertThrows(ExportFormatException.class, () -> job(ports).run(in));

        assertTrue(e.getMessage().contains("profiles export: " + in.profiles() + "/manifest-summary.json is missing"), e.getMessage());
        assertNothingPromoted(ports);
    }

    @Test
    void eventsMostlyOnItemsTheCatalogueLacks_failTheRun_namingFileLineAndItem() {
        SparkMetaTrain.Inputs in = DATA.writeExports(dir, 1);
        ExportWriter events = new ExportWriter(dir.resolve("unknown-item"), "01700000000002-events", 1);
        events.event(new Event("e1", "u0000001", GeneratedData.item(3), EventType.RATING, 4.0, Instant.ofEpochMilli(1_700_000_000_000L)));
        events.event(new Event("e2", "u0000001", "no-such-item", EventType.RATING, 4.0, Instant.ofEpochMilli(1_700_000_000_001L)));
        events.event(new Event("e3", "u0000002", "nor-this-one", EventType.RATING, 4.0, Instant.ofEpochMilli(1_700_000_000_002L)));
        events.close();
        MemoryPorts ports = new MemoryPorts();

        ExportFormatException e = assertThrows(ExportFormatException.class,
                () -> job(ports).run(new SparkMetaTrain.Inputs(events.folder().toString(), in.items(), in.profiles())));

        assertTrue(e.getMessage().contains("2 of 3 events name items"), e.getMessage());
        assertTrue(e.getMessage().contains(events.dataFile(0) + " line 2: item 'no-such-item'"), e.getMessage());
        assertFalse(e.getMessage().contains("u0000001"), "no user id in the message: " + e.getMessage());
        assertNothingPromoted(ports);
    }

    @Test
    void emptyEventsExport_endsWithoutTraining_andSaysWhy() {
        SparkMetaTrain.Inputs in = DATA.writeExports(dir, 1);
        ExportWriter events = new ExportWriter(dir.resolve("empty"), "01700000000003-events", 2);
        events.close();
        MemoryPorts ports = new MemoryPorts();

        SparkMetaTrain.Result r = job(ports).run(new SparkMetaTrain.Inputs(events.folder().toString(), in.items(), in.profiles()));

        assertEquals(SparkMetaTrain.Status.NO_DATA, r.status());
        assertTrue(r.message().contains("holds no events (itemCount 0): nothing to train on"), r.message());
        assertNothingPromoted(ports);
    }

    static SparkMetaTrain job(MemoryPorts ports) {
        return new SparkMetaTrain(LocalSpark.context(), ports.checkpointStore(), ports.pointer(), OPTIONS, SparkMetaTrainTest.CLOCK);
    }

    static void assertNothingPromoted(MemoryPorts ports) {
        assertEquals(null, ports.champion);
        assertEquals(0, ports.checkpoints.size());
    }
}
