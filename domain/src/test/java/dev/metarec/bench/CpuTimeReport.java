package dev.metarec.bench;

import dev.metarec.meta.Batch;
import dev.metarec.meta.InnerLoop;
import dev.metarec.meta.Learner;
import dev.metarec.meta.MetaTrainConfig;
import dev.metarec.meta.MetaTrainListener;
import dev.metarec.meta.MetaTrainState;
import dev.metarec.meta.MetaTrainer;
import dev.metarec.meta.Task;
import dev.metarec.nn.Params;
import dev.metarec.nn.PreferenceNetwork;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * A report, not a test: the same work as {@link AdaptBenchmark} and {@link MetaTrainBenchmark}, timed in
 * CPU time as well as wall time. On a machine shared with other builds wall time mostly measures the
 * queue for a core; CPU time is what the work itself costs (an estimate of the uncontended numbers).
 * Run: see {@code package-info.java}; argument {@code adapt} reports adaptation only.
 */
public final class CpuTimeReport {
    private CpuTimeReport() {}

    public static void main(String[] args) {
        PreferenceNetwork net = MeluFixture.network();
        Params meta = net.initialise(1);
        adapt(net, meta);
        if (args.length > 0 && args[0].equals("adapt")) return;
        for (Learner learner : List.of(Learner.FIRST_ORDER_MAML, Learner.MAML))
            for (int k : new int[]{1, 5}) metaTrain(net, meta, learner, k);
    }

    private static void adapt(PreferenceNetwork net, Params meta) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Batch support = MeluFixture.tasks(2, 1, 50, 1).get(0).support();
        InnerLoop<Batch> loop = new InnerLoop<>(net, 5, 5e-3);
        for (int i = 0; i < 1500; i++) loop.adapt(meta, support);
        int n = 1500;
        double[] cpu = new double[n], wall = new double[n];
        for (int i = 0; i < n; i++) {
            long c = mx.getCurrentThreadCpuTime(), w = System.nanoTime();
            loop.adapt(meta, support);
            cpu[i] = (mx.getCurrentThreadCpuTime() - c) / 1e3;
            wall[i] = (System.nanoTime() - w) / 1e3;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf("adapt one user, 5 steps, 50 events: CPU median %.0f us (p10 %.0f, p90 %.0f); wall median %.0f us%n",
                cpu[n / 2], cpu[n / 10], cpu[9 * n / 10], wall[n / 2]);
    }

    private static void metaTrain(PreferenceNetwork net, Params meta, Learner learner, int k) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Task<Batch>> tasks = MeluFixture.tasks(3, 512, 45, 15);
        MetaTrainConfig config = MetaTrainConfig.defaults(learner).withInnerSteps(k).withMetaBatchSize(32).withThreads(2).withMetaLr(1e-5);
        try (MetaTrainer<Batch> trainer = new MetaTrainer<>(net, config)) {
            MetaTrainState state = trainer.train(MetaTrainState.initial(meta), tasks, 30, MetaTrainListener.NONE);
            int steps = 40;
            long c = os.getProcessCpuTime(), w = System.nanoTime();
            trainer.train(state, tasks, steps, MetaTrainListener.NONE);
            double cpuSeconds = (os.getProcessCpuTime() - c) / 1e9, wallSeconds = (System.nanoTime() - w) / 1e9;
            double taskCount = steps * 32.0;
            System.out.printf("meta-train %s k=%d, 2 threads, 45-event support: %.0f tasks/s wall; %.0f tasks per CPU-second (x2 cores = %.0f tasks/s uncontended)%n",
                    learner, k, taskCount / wallSeconds, taskCount / cpuSeconds, 2 * taskCount / cpuSeconds);
        }
    }
}
