package dev.metarec.service;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A report, not a test: {@link ServingBenchmark}'s work timed per call in thread CPU time as well as
 * wall time (median and p90 over the timed calls). On a machine shared with other builds, wall time
 * mostly measures the wait for a core; CPU time estimates the uncontended cost. Run:
 * <pre>./mvnw -o -pl domain -Pbench test-compile exec:exec -Dbench.main=dev.metarec.service.ServingCpuReport -Dbench= -Djmh.args=</pre>
 */
public final class ServingCpuReport {
    private ServingCpuReport() {}

    public static void main(String[] args) {
        ServingBenchmark b = new ServingBenchmark();
        b.setUp();
        report("network scoreAll, 3,706 items", b::networkScoreAllOnly, 2000, 1000);
        report("warm recommend (stored fast weights)", b::warmRecommend, 2000, 1000);
        report("recommend adapting on the fly", b::recommendAdaptingOnTheFly, 1000, 500);
    }

    private static void report(String what, Supplier<?> call, int warmup, int timed) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup; i++) call.get();
        long[] cpu = new long[timed], wall = new long[timed];
        for (int i = 0; i < timed; i++) {
            long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            call.get();
            cpu[i] = mx.getCurrentThreadCpuTime() - c0;
            wall[i] = System.nanoTime() - w0;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf("%-40s CPU median %6.3f ms, p90 %6.3f ms | wall median %6.3f ms, p90 %6.3f ms (%d calls)%n", what,
                cpu[timed / 2] / 1e6, cpu[timed * 9 / 10] / 1e6, wall[timed / 2] / 1e6, wall[timed * 9 / 10] / 1e6, timed);
    }
}
