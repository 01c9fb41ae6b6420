package dev.metarec.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Scale figures (a report, not a test): generates USERS users in DynamoDB's export format (once, under
 * DIR), then runs the job on local[THREADS] for a bounded number of outer steps and prints tasks per second,
 * the time to build the tasks, the heap in use after building them (garbage included), the heap after a full
 * collection with the tasks still cached, the process' peak resident memory, and the bytes a step moves.
 * In local mode driver and executors share this one JVM, so these are their memory together.
 * <pre>
 *   ./mvnw -pl spark -am -Pspark-scale test-compile -Dbench.args="USERS THREADS STEPS META_BATCH DIR"
 * </pre>
 */
public final class ScaleReport {
    public static void main(String[] args) throws Exception {
        int users = Integer.parseInt(args[0]), threads = Integer.parseInt(args[1]), steps = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        Path dir = Path.of(args[4]).resolve("users-" + users);
        GeneratedData data = new GeneratedData(users, 2000, 4, 30, 11);
        long t0 = System.nanoTime();
        SparkMetaTrain.Inputs in;
        if (!Files.exists(dir.resolve("done"))) {
            in = data.writeExports(dir, 8);
            Files.writeString(dir.resolve("done"), "");
            System.out.printf("generated %d users in %.1f s%n", users, (System.nanoTime() - t0) / 1e9);
        } else {
            in = new SparkMetaTrain.Inputs(dir.resolve("events/AWSDynamoDB/01700000000000-events").toString(),
                    dir.resolve("items/AWSDynamoDB/01700000000000-items").toString(), dir.resolve("profiles/AWSDynamoDB/01700000000000-profiles").toString());
        }
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[" + threads + "]").setAppName("metarec-scale")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"))) {
            sc.setLogLevel("WARN");
            MemoryPorts ports = new MemoryPorts();
            JobOptions options = JobOptions.defaults().withTargetSteps(steps).withMetaBatchSize(batch).withPartitions(4 * threads);
            SparkMetaTrain.Result r = new SparkMetaTrain(sc, ports.checkpointStore(), ports.pointer(), options, Clock.systemUTC()).run(in);
            SparkMetaTrain.Figures f = r.figures();
            System.out.printf("[figure] users=%d local[%d] partitions=%d trainTasks=%d build=%.1fs steps=%d train=%.1fs tasks/s=%.0f "
                            + "heapAfterBuild=%dMB paramBytes=%d gradientBytesPerStep=%.0f status=%s%n",
                    users, threads, f.partitions(), r.trainTasks(), f.buildSeconds(), f.steps(), f.trainSeconds(), f.tasksPerSecond(),
                    f.heapUsedAfterBuild() >> 20, f.paramBytes(), f.gradientBytesPerStep(), r.status());
            // The task blocks are still cached here (the context is open): a full collection leaves what they,
            // the catalogue and Spark itself hold.
            System.gc();
            System.out.printf("[figure] heapAfterFullGc=%dMB (tasks cached) peakRss=%s maxHeap=%dMB%n",
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20, peakRss(),
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    /** VmHWM of this process (Linux), e.g. "9123456 kB", or "n/a". */
    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> l.substring(6).trim()).findFirst().orElse("n/a");
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
