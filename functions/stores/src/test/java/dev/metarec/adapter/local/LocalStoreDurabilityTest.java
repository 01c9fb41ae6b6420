package dev.metarec.adapter.local;

import dev.metarec.model.Attributes;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.port.FastWeightStore.StoredFastWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class LocalStoreDurabilityTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir Path dir;

    @Test
    void everything_shouldSurviveACleanRestart() {
        try (LocalStores s = new LocalStores(dir)) {
            s.events.append(new Event("e1", "u1", "i1", EventType.RATING, 4.0, T0), T0);
            s.catalog.upsert(new Item("i1", Attributes.of("genre", "Comedy"), T0));
            s.itemStats.add("i1", 1, 0.25, 1, 2.5);
            s.fastWeights.put(new StoredFastWeights("u1", "c1", 1, new byte[]{4, 2}, T0), 0);
            s.champion.moveCurrent(null, "c1");
            s.checkpoints.write("c1", new byte[]{1, 2, 3});
            s.progress.save(new byte[]{5});
        }
        try (LocalStores s = new LocalStores(dir)) {
            assertEquals(1, s.events.count("u1"));
            assertFalse(s.events.append(new Event("e1", "u1", "i1", EventType.RATING, 4.0, T0), T0), "idempotency survives restart");
            assertEquals("Comedy", s.catalog.find("i1").orElseThrow().attributes().get("genre").get(0));
            assertTrue(s.catalog.version() > 0);
            assertEquals(0.25, s.itemStats.find("i1").orElseThrow().residualSum());
            assertEquals(2.5, s.itemStats.find("i1").orElseThrow().recentPositives());
            assertEquals(1, s.fastWeights.find("u1").orElseThrow().version());
            assertEquals("c1", s.champion.current().orElseThrow());
            assertArrayEquals(new byte[]{1, 2, 3}, s.checkpoints.read("c1").orElseThrow());
            assertArrayEquals(new byte[]{5}, s.progress.load().orElseThrow());
        }
    }

    @Test
    void itemStatsWrittenBeforeTheRecentLikes_shouldReadThemAsZero_andAddToThem() {
        try (LocalStores s = new LocalStores(dir)) {
            // the 24-byte value of a store written before the forward-decayed sum existed: count 3, residual 0.5, positives 2
            s.db.<String, byte[]>map("itemStats").put("old", java.nio.ByteBuffer.allocate(24).putLong(3).putDouble(0.5).putLong(2).array());
            s.db.commit();
            assertEquals(new dev.metarec.port.ItemStatsStore.ItemStats("old", 3, 0.5, 2, 0.0), s.itemStats.find("old").orElseThrow());
            s.itemStats.add("old", 1, 0.0, 1, 4.0);
            assertEquals(new dev.metarec.port.ItemStatsStore.ItemStats("old", 4, 0.5, 3, 4.0), s.itemStats.find("old").orElseThrow());
        }
    }

    @Test
    void acknowledgedWrites_shouldSurviveAProcessKilledMidWrite() throws Exception {
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) if (line.startsWith("ack ")) acknowledged.add(line.substring(4));
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(CrashingWriter.HALT_STATUS, child.exitValue(), "the child must have been killed mid-run");
        assertTrue(acknowledged.size() >= 200, "child acknowledged " + acknowledged.size());

        try (LocalStores s = new LocalStores(dir)) {
            java.util.Set<String> survived = new java.util.HashSet<>();
            for (Event e : s.events.recent("u1", Integer.MAX_VALUE)) {
                assertEquals("u1", e.userId());
                assertTrue(survived.add(e.eventId()), "stored twice: " + e.eventId());
            }
            List<String> lost = acknowledged.stream().filter(id -> !survived.contains(id)).toList();
            assertEquals(List.of(), lost, "acknowledged but lost (of " + acknowledged.size() + " acknowledged)");
            assertEquals(survived.size(), s.events.count("u1"), "the count agrees with the events");
            assertArrayEquals(new byte[]{1, 2, 3}, s.checkpoints.read("c1").orElseThrow());
            try (var files = Files.list(dir.resolve("checkpoints"))) {
                assertEquals(1, files.filter(p -> p.toString().endsWith(".ckpt")).count(), "no half-written checkpoint is visible");
            }
        }
    }

    /** Writes events and prints each acknowledged id, then halts (no shutdown hooks, no close) while writing. */
    public static final class CrashingWriter {
        static final int HALT_STATUS = 137;

        public static void main(String[] args) {
            LocalStores s = new LocalStores(Path.of(args[0]));
            s.checkpoints.write("c1", new byte[]{1, 2, 3});
            Thread killer = new Thread(() -> {
                try { Thread.sleep(400); } catch (InterruptedException ignored) { }
                System.out.flush();
                Runtime.getRuntime().halt(HALT_STATUS);
            });
            for (int i = 0; ; i++) {
                if (i == 200) killer.start();
                Event e = new Event("e" + i, "u1", "i" + (i % 50), EventType.CLICK, null, T0.plusSeconds(i));
                if (s.events.append(e, T0)) {
                    synchronized (System.out) { System.out.println("ack " + e.eventId()); }
                }
            }
        }
    }
}
