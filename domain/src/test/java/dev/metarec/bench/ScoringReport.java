package dev.metarec.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A report, not a test: {@link ScoringBenchmark}'s work timed call by call, printing the minimum and
 * median wall time and the median CPU time. On a machine shared with other builds JMH's wall-time
 * median mostly measures the queue for a core; the minimum over many calls is the closest estimate of
 * the uncontended cost. Run (from the repository root):
 * <pre>
 *   ./mvnw -o -pl domain -Pbench test-compile exec:exec -Dbench.main=dev.metarec.bench.ScoringReport -Dbench= -Djmh.args=
 * </pre>
 */
public final class ScoringReport {
    private ScoringReport() {}

    public static void main(String[] args) throws Exception {
        for (int items : new int[] {3706, 100_000}) {
            ScoringBenchmark b = new ScoringBenchmark();
            b.items = items;
            b.setUp();
            int calls = items < 10_000 ? 2000 : 100;
            report("list  ", items, calls, b::scoreAll);
            report("packed", items, calls, b::scoreAllPacked);
        }
    }

    private static void report(String what, int items, int calls, Runnable call) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < calls / 2; i++) call.run();          // warm-up
        double[] wall = new double[calls], cpu = new double[calls];
        for (int i = 0; i < calls; i++) {
            long c = mx.getCurrentThreadCpuTime(), w = System.nanoTime();
            call.run();
            wall[i] = (System.nanoTime() - w) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c) / 1e6;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("score %,7d items (%s): wall min %.2f ms, median %.2f ms; CPU median %.2f ms%n",
                items, what, wall[0], wall[calls / 2], cpu[calls / 2]);
    }
}
