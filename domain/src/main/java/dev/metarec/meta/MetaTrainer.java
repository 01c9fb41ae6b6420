package dev.metarec.meta;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;
import dev.metarec.optim.AdamState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outer loop of meta-learning: Adam (Kingma and Ba, ICLR 2015) over meta-batches of user tasks,
 * with the meta-gradient of the configured {@link Learner} (see {@link TaskGradient}).
 *
 * <p>Deterministic: the task order follows from the seed and the state's cursor; each task's gradient
 * is computed on its own and the mean is summed in task order, so any number of threads gives
 * bit-identical parameters, and a run resumed from a {@link MetaTrainState} equals an uninterrupted one.
 * Not thread-safe itself; {@link #close()} stops its worker threads.
 */
public final class MetaTrainer<B> implements AutoCloseable {
    private final MetaTrainConfig config;
    private final List<TaskGradient<B>> workers = new ArrayList<>();
    private final ExecutorService pool;
    private final Gradient[] workerGradients;
    private final GradientRows[] taskGradients;
    private final TaskGradient.Losses[] taskLosses;
    private final RuntimeException[] taskErrors;
    private final Gradient total;
    private final InnerLoop<B> innerLoop;
    private final OuterStep outer;

    public MetaTrainer(TaskModel<B> model, MetaTrainConfig config) {
        this.config = config;
        ParamLayout layout = model.fastLayout().layout();
        for (int w = 0; w < config.threads(); w++)
            workers.add(new TaskGradient<>(model, config.learner(), config.innerSteps(), config.innerLr()));
        this.pool = config.threads() > 1 ? Executors.newFixedThreadPool(config.threads() - 1, r -> {
            Thread t = new Thread(r, "metarec-meta-train");
            t.setDaemon(true);
            return t;
        }) : null;
        this.workerGradients = new Gradient[config.threads()];
        for (int w = 0; w < workerGradients.length; w++) workerGradients[w] = new Gradient(layout);
        this.taskGradients = new GradientRows[config.metaBatchSize()];
        for (int t = 0; t < taskGradients.length; t++) taskGradients[t] = new GradientRows();
        this.taskLosses = new TaskGradient.Losses[config.metaBatchSize()];
        this.taskErrors = new RuntimeException[config.metaBatchSize()];
        this.total = new Gradient(layout);
        this.innerLoop = new InnerLoop<>(model, config.innerSteps(), config.innerLr());
        this.outer = new OuterStep(config);
    }

    public MetaTrainConfig config() { return config; }

    /** Takes {@code steps} outer steps from {@code state}, reporting each to {@code listener}. */
    public MetaTrainState train(MetaTrainState state, List<Task<B>> tasks, int steps, MetaTrainListener listener) {
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, was " + steps);
        requireLayout(state);
        AdamState moments = state.optimizer().copy();       // advanced in place over the steps; the caller's is left alone
        for (int i = 0; i < steps; i++) state = step(state, moments, tasks, listener);
        return state;
    }

    /**
     * One outer step: the meta-batch at the state's cursor, its mean meta-gradient, clipping, Adam.
     *
     * @throws NonFiniteException naming the meta step, the task (or "mean meta-gradient") and the group
     */
    public MetaTrainState step(MetaTrainState state, List<Task<B>> tasks, MetaTrainListener listener) {
        requireLayout(state);
        return step(state, state.optimizer().copy(), tasks, listener);
    }

    private void requireLayout(MetaTrainState state) {
        if (!state.params().layout().equals(total.layout()))
            throw new IllegalArgumentException("the state's parameter layout does not match the model's");
    }

    /** One step; advances {@code moments} (owned by the caller, not shared with {@code state} unless it came from this trainer). */
    private MetaTrainState step(MetaTrainState state, AdamState moments, List<Task<B>> tasks, MetaTrainListener listener) {
        long stepNo = state.step() + 1;
        int batch = config.metaBatchSize();
        int[] indices = outer.batch(state, tasks.size());
        Params meta = state.params();
        runTasks(meta, tasks, indices, stepNo);

        total.clear();
        double query = 0, support = 0;
        for (int t = 0; t < batch; t++) {
            taskGradients[t].addTo(total, 1.0 / batch);
            query += taskLosses[t].query() / batch;
            support += taskLosses[t].supportBefore() / batch;
        }
        total.requireFinite("meta step " + stepNo + ", mean meta-gradient");
        double norm = OuterStep.norm(total);
        MetaTrainState next = outer.apply(state, moments, total, tasks.size());   // clips, Adam, Meta-SGD's rate bounds
        listener.onStep(new StepReport(stepNo, batch, query, support, norm, norm > config.clipNorm()));
        return next;
    }

    /** Computes every task's gradient, on several threads when configured; rethrows the first failure in task order. */
    private void runTasks(Params meta, List<Task<B>> tasks, int[] indices, long stepNo) {
        AtomicInteger nextTask = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 1; w < workers.size(); w++) {
            int worker = w;
            futures.add(pool.submit(() -> work(worker, meta, tasks, indices, nextTask, stepNo)));
        }
        work(0, meta, tasks, indices, nextTask, stepNo);
        awaitAll(futures, "meta step " + stepNo);
        for (RuntimeException e : taskErrors) if (e != null) throw e;
    }

    /** Worker {@code w} takes the next task until none is left; each task's gradient is captured on its own. */
    private void work(int w, Params meta, List<Task<B>> tasks, int[] indices, AtomicInteger nextTask, long stepNo) {
        Gradient scratch = workerGradients[w];
        for (int t = nextTask.getAndIncrement(); t < indices.length; t = nextTask.getAndIncrement()) {
            Task<B> task = tasks.get(indices[t]);
            taskErrors[t] = null;
            scratch.clear();
            try {
                taskLosses[t] = workers.get(w).addTo(meta, task, scratch);
                taskGradients[t].captureFrom(scratch);
            } catch (NonFiniteException e) {
                taskErrors[t] = e.within("meta step " + stepNo + ", task " + task.userId());
            } catch (RuntimeException e) {
                taskErrors[t] = e;
            }
        }
    }

    /**
     * Mean query loss after adapting on each task's support set: the quantity meta-training minimises
     * (for learning curves on held-out users). Uses the worker threads; the result does not depend on their number.
     */
    public double evaluate(Params meta, List<Task<B>> tasks) {
        if (tasks.isEmpty()) throw new IllegalArgumentException("evaluate needs at least one task");
        double[] losses = new double[tasks.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int t = next.getAndIncrement(); t < losses.length; t = next.getAndIncrement()) {
                Task<B> task = tasks.get(t);
                double[] fast = innerLoop.adapt(meta, task.support()).fast();
                losses[t] = innerLoop.model().loss(meta, fast, task.query());
            }
        };
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 1; w < workers.size(); w++) futures.add(pool.submit(work));
        work.run();
        awaitAll(futures, "evaluation");
        double sum = 0;
        for (double l : losses) sum += l;
        return sum / losses.length;
    }

    private static void awaitAll(List<Future<?>> futures, String what) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during " + what, e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException("a meta-training worker failed during " + what, e.getCause());
            }
        }
    }

    @Override public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
