package dev.metarec.meta;

import dev.metarec.nn.Gradient;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.ParamGroup;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;

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
    }

    public MetaTrainConfig config() { return config; }

    /** Takes {@code steps} outer steps from {@code state}, reporting each to {@code listener}. */
    public MetaTrainState train(MetaTrainState state, List<Task<B>> tasks, int steps, MetaTrainListener listener) {
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, was " + steps);
        TaskSampler sampler = sampler(state, tasks);
        for (int i = 0; i < steps; i++) state = step(state, tasks, sampler, listener);
        return state;
    }

    /**
     * One outer step: the meta-batch at the state's cursor, its mean meta-gradient, clipping, Adam.
     *
     * @throws NonFiniteException naming the meta step, the task (or "mean meta-gradient") and the group
     */
    public MetaTrainState step(MetaTrainState state, List<Task<B>> tasks, MetaTrainListener listener) {
        return step(state, tasks, sampler(state, tasks), listener);
    }

    private TaskSampler sampler(MetaTrainState state, List<Task<B>> tasks) {
        if (state.taskCount() != 0 && state.taskCount() != tasks.size())
            throw new IllegalArgumentException("the state was trained on " + state.taskCount() + " tasks but " + tasks.size()
                    + " were given; resuming on other tasks would not continue the same task order");
        if (!state.params().layout().equals(total.layout()))
            throw new IllegalArgumentException("the state's parameter layout does not match the model's");
        return new TaskSampler(config.seed(), tasks.size());
    }

    private MetaTrainState step(MetaTrainState state, List<Task<B>> tasks, TaskSampler sampler, MetaTrainListener listener) {
        long stepNo = state.step() + 1;
        int batch = config.metaBatchSize();
        int[] indices = sampler.batch(state.cursor(), batch);
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
        double norm = norm(total);
        boolean clipped = norm > config.clipNorm();
        if (clipped) scaleInPlace(total, config.clipNorm() / norm);

        TemporaryAdam.State[] next = new TemporaryAdam.State[1];
        Params updated = TemporaryAdam.step(meta, total, state.optimizer(), config.metaLr(), next);
        if (config.learner() == Learner.META_SGD) updated = clampRates(updated);
        updated.requireFinite("meta step " + stepNo + ", updated meta-parameters");
        listener.onStep(new StepReport(stepNo, batch, query, support, norm, clipped));
        return new MetaTrainState(updated, next[0], stepNo, state.cursor() + batch, tasks.size());
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
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during meta step " + stepNo, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a meta-training worker failed at meta step " + stepNo, e.getCause());
            }
        }
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

    /** Meta-SGD's rates must stay positive: clamps them into [minInnerLr, maxInnerLr]. */
    private Params clampRates(Params p) {
        ParamGroup g = p.layout().group(InnerRates.GROUP);
        for (int i = g.offset(); i < g.end(); i++) {
            double r = p.get(i);
            double c = Math.min(config.maxInnerLr(), Math.max(config.minInnerLr(), r));
            if (c != r && !Double.isNaN(r)) p = p.with(i, c);
        }
        return p;
    }

    /** Mean query loss after adapting on each task's support set: the quantity meta-training minimises. */
    public double evaluate(Params meta, List<Task<B>> tasks) {
        double sum = 0;
        for (Task<B> task : tasks) {
            AdaptResult r = innerLoop.adapt(meta, task.support());
            sum += innerLoop.model().loss(meta, r.fast(), task.query());
        }
        return sum / tasks.size();
    }

    private static double norm(Gradient g) {
        double[] a = g.array();
        double[] sum = new double[1];
        g.forEachTouchedRow((off, len) -> {
            for (int i = off; i < off + len; i++) sum[0] += a[i] * a[i];
        });
        return Math.sqrt(sum[0]);
    }

    private static void scaleInPlace(Gradient g, double scale) {
        double[] a = g.array();
        g.forEachTouchedRow((off, len) -> {
            for (int i = off; i < off + len; i++) a[i] *= scale;
        });
    }

    @Override public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
