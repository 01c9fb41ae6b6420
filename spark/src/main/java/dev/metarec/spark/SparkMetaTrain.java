package dev.metarec.spark;

import dev.metarec.adapter.dynamodb.DynamoDbExportRecords;
import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.checkpoint.CheckpointFormatException;
import dev.metarec.meta.MetaTrainState;
import dev.metarec.meta.MetaTrainer;
import dev.metarec.meta.OuterStep;
import dev.metarec.meta.Task;
import dev.metarec.meta.TaskGradient;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.model.Item;
import dev.metarec.model.UserProfile;
import dev.metarec.nn.Gradient;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.ParamLayout;
import dev.metarec.nn.Params;
import dev.metarec.optim.AdamState;
import dev.metarec.port.ChampionPointer;
import dev.metarec.port.CheckpointStore;
import dev.metarec.service.ItemBaselines;
import dev.metarec.service.MetaTrainSettings;
import dev.metarec.service.Promotion;
import dev.metarec.service.RankPriors;
import dev.metarec.service.TrainingRecipe;
import dev.metarec.service.TrainingRecipe.TargetRange;
import dev.metarec.service.TrainingRecipes;
import dev.metarec.spark.Rows.EventRow;
import dev.metarec.spark.Rows.ItemRow;
import dev.metarec.spark.Rows.UserHistory;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.Optional;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.hadoop.conf.Configuration;
import scala.Tuple2;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Meta-training on Apache Spark, from DynamoDB's export of the events, items and profiles tables.
 *
 * <p>Users are grouped and range-partitioned by id, and each partition builds its users' tasks once with the
 * model's {@link TrainingRecipe} (the code the in-process trainer uses) and keeps them in memory. Each outer
 * step is MLlib's data-parallel gradient descent: the driver draws the meta-batch ({@link OuterStep}), the
 * parameters are broadcast, each partition sums the {@link TaskGradient}s of the meta-batch tasks it holds
 * (in meta-batch order), the partial sums are added up a tree to the driver, and the driver takes the Adam
 * step ({@link OuterStep#apply}). Spark's own {@code treeAggregate} merges partial results in the order tasks
 * finish, so two runs could differ in the last bits; here each node of the tree adds its parts in partition
 * order, so a run is a deterministic function of the data and the seed. At the end, the challenger meets the
 * champion at the domain's {@link Promotion} gate, on validation users shipped to the driver.
 *
 * <p>Nothing is promoted unless the whole run succeeds: a bad export, a failed task or a non-finite step
 * throws before the checkpoint is written.
 */
public final class SparkMetaTrain {
    private static final System.Logger LOG = System.getLogger(SparkMetaTrain.class.getName());

    /** Where the three tables' exports are: each the folder holding manifest-summary.json. */
    public record Inputs(String events, String items, String profiles) {}

    public enum Status { NO_DATA, PROMOTED, REJECTED, LOST_RACE }

    /** Measurements of a run: for the scale report. */
    public record Figures(int partitions, long users, double buildSeconds, long steps, double trainSeconds, double tasksPerSecond,
                          long paramBytes, double gradientBytesPerStep, long heapUsedAfterBuild) {}

    public record Result(Status status, String runId, String checkpointId, long steps, int trainTasks, int validationTasks,
                         double challengerLoss, double championLoss, Params params, String message, Figures figures) {}

    private final JavaSparkContext sc;
    private final CheckpointStore checkpoints;
    private final ChampionPointer pointer;
    private final CheckpointCodec codec = new CheckpointCodec();
    private final JobOptions options;
    private final MetaTrainSettings settings;
    private final Clock clock;

    public SparkMetaTrain(JavaSparkContext sc, CheckpointStore checkpoints, ChampionPointer pointer, JobOptions options, Clock clock) {
        this.sc = sc;
        this.checkpoints = checkpoints;
        this.pointer = pointer;
        this.options = options;
        this.settings = options.metaTrain();
        this.clock = clock;
    }

    /**
     * Runs the job: trains, then promotes only a better challenger.
     *
     * @throws ExportFormatException naming the file and line (or key) of bad input; nothing is promoted
     */
    public Result run(Inputs in) {
        try {
            return runUnwrapped(in);
        } catch (Exception e) {     // Spark throws its checked SparkException without declaring it
            ExportFormatException bad = find(e, ExportFormatException.class);
            if (bad != null && bad != e) throw new ExportFormatException(bad.getMessage(), e);
            String remote = remoteMessage(e, ExportFormatException.class);    // Spark reports a task's exception as text
            if (remote != null) throw new ExportFormatException(remote, e);
            NonFiniteException nonFinite = find(e, NonFiniteException.class);
            if (nonFinite != null && nonFinite != e) throw nonFinite;
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException("meta-training job failed: " + e.getMessage(), e);
        }
    }

    private Result runUnwrapped(Inputs in) {
        Configuration hadoop = sc.hadoopConfiguration();
        DynamoDbExport events = DynamoDbExport.open("events", in.events(), hadoop);
        DynamoDbExport items = DynamoDbExport.open("items", in.items(), hadoop);
        DynamoDbExport profiles = DynamoDbExport.open("profiles", in.profiles(), hadoop);
        if (events.items() == 0) return noData("the events export " + events.folder() + " holds no events (itemCount 0): nothing to train on; the champion keeps serving");
        if (items.items() == 0) return noData("the items export " + items.folder() + " holds no items (itemCount 0): ingest a catalogue first; the champion keeps serving");
        int partitions = options.partitions() > 0 ? options.partitions() : sc.defaultParallelism();
        long buildStart = System.nanoTime();

        List<ItemRow> catalogue = new ArrayList<>(files(items).flatMap(f -> itemRows(f)).collect());
        catalogue.sort((a, b) -> a.itemId().compareTo(b.itemId()));
        Set<String> known = new HashSet<>();
        for (ItemRow r : catalogue) known.add(r.itemId());
        Broadcast<Set<String>> knownItems = sc.broadcast(known);

        org.apache.spark.util.LongAccumulator unknown = sc.sc().longAccumulator("events on items the items export lacks");
        org.apache.spark.util.CollectionAccumulator<String> unknownExamples = sc.sc().collectionAccumulator("first such event per file");
        JavaPairRDD<String, EventRow> eventRows = files(events).flatMap(f -> eventRows(f, knownItems.value(), unknown, unknownExamples))
                .mapToPair(r -> new Tuple2<>(r.userId(), r));
        JavaPairRDD<String, LinkedHashMap<String, ArrayList<String>>> profileRows = files(profiles).flatMap(SparkMetaTrain::profileRows)
                .mapToPair(p -> p);
        JavaPairRDD<String, UserHistory> byUser = eventRows.groupByKey(partitions).leftOuterJoin(profileRows, partitions)
                .mapValues(SparkMetaTrain::history);
        List<String> sample = byUser.keys().filter(UserRanges::sampled).collect();
        if (sample.size() < 20 * partitions) sample = byUser.keys().collect();   // small data: every id
        JavaRDD<UserHistory> histories = byUser.repartitionAndSortWithinPartitions(UserRanges.of(sample, partitions))
                .values()
                .persist(StorageLevel.MEMORY_ONLY());
        long[] counts = histories.map(h -> new long[]{1, h.events().size(), ratings(h)})
                .reduce((a, b) -> new long[]{a[0] + b[0], a[1] + b[1], a[2] + b[2]});
        if (counts[1] == 0) return noData("the events export " + events.folder() + " has no event lines: nothing to train on; the champion keeps serving");
        // Ingest stores events for items not in the catalogue (without statistics); the Lambda trainer trains on them as items
        // without attributes, and so does this job. Most events on unknown items means the exports do not belong together.
        if (unknown.value() * 2 > counts[1])
            throw new ExportFormatException("events export: " + unknown.value() + " of " + counts[1] + " events name items that the items export "
                    + items.folder() + " does not have (" + String.join("; ", unknownExamples.value().stream().sorted().limit(3).toList())
                    + "): are the exports from the same deployment? Nothing promoted");
        if (unknown.value() > 0)
            LOG.log(System.Logger.Level.WARNING, unknown.value() + " of " + counts[1] + " events name items the items export lacks (e.g. " + unknownExamples.value().stream().sorted()
                    .findFirst().orElse("") + "); trained on as items without attributes, as the Lambda trainer does");

        Map<LinkedHashMap<String, ArrayList<String>>, Long> profileCounts = histories.map(UserHistory::profile).countByValue();
        java.util.Optional<String> base = pointer.current();
        java.util.Optional<Checkpoint> champion = base.flatMap(this::load);
        List<Item> domainItems = catalogue.stream().map(ItemRow::item).toList();
        String runId = runId(clock.instant(), base.orElse(""), counts[1], catalogue.size());
        Checkpoint start = TrainingRecipes.challenger(runId, champion, expand(profileCounts), domainItems, counts[2], counts[1],
                baselineEvidence(histories), settings, clock.instant());
        RunSpec spec = new RunSpec(runId, codec.encode(start), catalogue, options);
        return train(spec.recipe(), sc.broadcast(spec), histories, champion, base.orElse(""), counts[0], counts[1], partitions, buildStart);
    }

    /** What the items' baseline is fitted from: {@link ItemBaselines} over the training users, summed per partition on the executors. */
    private ItemBaselines.Evidence baselineEvidence(JavaRDD<UserHistory> histories) {
        JobOptions o = options;
        HashMap<String, double[]> sums = histories.mapPartitions(it -> {
            HashMap<String, double[]> part = new HashMap<>();
            while (it.hasNext()) {
                UserHistory h = it.next();
                if (!TrainingRecipes.isValidationUser(h.userId(), o.metaTrain())) ItemBaselines.accumulate(part, h.domainEvents(), o.serving());
            }
            return List.of(part).iterator();
        }).reduce((a, b) -> (HashMap<String, double[]>) ItemBaselines.merge(a, b));
        return new ItemBaselines.Evidence(sums, options.serving().itemBiasShrinkage());
    }

    @SuppressWarnings("unchecked")
    private <B> Result train(TrainingRecipe<B> recipe, Broadcast<RunSpec> spec, JavaRDD<UserHistory> histories,
                             java.util.Optional<Checkpoint> champion, String base, long users, long events, int partitions, long buildStart) {
        int maxValidation = settings.maxValidationUsers();
        JavaRDD<TaskBlock<B>> blocks = histories.mapPartitionsWithIndex((part, it) -> {
            TrainingRecipe<B> r = (TrainingRecipe<B>) spec.value().recipe();
            MetaTrainSettings s = spec.value().options().metaTrain();
            TaskBlock<B> block = new TaskBlock<>(part);
            while (it.hasNext()) {
                UserHistory h = it.next();
                boolean validation = TrainingRecipes.isValidationUser(h.userId(), s);
                if (validation && block.validation.size() >= maxValidation) continue;
                java.util.Optional<Task<B>> task = r.task(h.userId(), h.domainEvents(), h.domainProfile());
                if (task.isEmpty()) continue;
                if (validation) block.validation.add(h);
                else { block.tasks.add(task.get()); block.histories.add(h); }
            }
            return List.of(block).iterator();
        }, true).persist(StorageLevel.MEMORY_ONLY());
        List<int[]> sizes = blocks.map(b -> new int[]{b.size(), b.validation.size()}).collect();
        long[] starts = new long[sizes.size() + 1];
        for (int p = 0; p < sizes.size(); p++) starts[p + 1] = starts[p] + sizes.get(p)[0];
        long total = starts[sizes.size()];
        if (total == 0) return noData("no user has a training task (each needs at least " + settings.minEvents()
                + " events and a non-empty support and query set): nothing to train on; the champion keeps serving");
        if (total > Integer.MAX_VALUE) throw new IllegalStateException(total + " training tasks exceed the task sampler's int range");
        int taskCount = (int) total;
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        Runtime rt = Runtime.getRuntime();
        long heapAfterBuild = rt.totalMemory() - rt.freeMemory();
        LOG.log(System.Logger.Level.INFO, "run {0}: {1} users, {2} training tasks in {3} partitions, built in {4} s",
                spec.value().runId(), users, taskCount, sizes.size(), buildSeconds);

        OuterStep outer = new OuterStep(settings.trainerConfig().withThreads(1));
        ParamLayout layout = recipe.model().fastLayout().layout();
        MetaTrainState state = MetaTrainState.initial(recipe.start().params());
        AdamState moments = state.optimizer().copy();
        long trainStart = System.nanoTime();
        double gradientBytes = 0;
        while (state.step() < settings.targetSteps()) {
            int[] batch = outer.batch(state, taskCount);
            Broadcast<double[]> params = sc.broadcast(state.params().toArray());
            PartialGradient sum = metaGradient(blocks, spec, params, batch, starts, state.step() + 1, layout);
            params.destroy();
            gradientBytes += sum.payloadBytes();
            Gradient mean = new Gradient(layout);
            sum.addTo(mean);
            state = outer.apply(state, moments, mean, taskCount);
            if (state.step() % 50 == 0 || state.step() == settings.targetSteps())
                LOG.log(System.Logger.Level.INFO, "step {0}: mean query loss {1}", state.step(), sum.querySum() / batch.length);
        }
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        Figures figures = new Figures(sizes.size(), users, buildSeconds, state.step(), trainSeconds,
                state.step() * (double) settings.metaBatchSize() / trainSeconds, 8L * layout.size(),
                gradientBytes / Math.max(1, state.step()), heapAfterBuild);
        return finish(recipe, spec, histories, events, blocks, sizes, state, champion, base, taskCount, figures);
    }

    /**
     * The mean meta-gradient of one meta-batch: each partition sums (1/batch) times the gradients of the
     * meta-batch tasks it holds, in meta-batch order; the partial sums go up a tree of fan-in
     * {@link JobOptions#fanIn()}, each node adding its parts in partition order.
     */
    @SuppressWarnings("unchecked")
    private <B> PartialGradient metaGradient(JavaRDD<TaskBlock<B>> blocks, Broadcast<RunSpec> spec, Broadcast<double[]> params,
                                             int[] batch, long[] starts, long stepNo, ParamLayout layoutOnDriver) {
        JavaRDD<PartialGradient> level = blocks.mapPartitions(it -> {
            TaskBlock<B> block = it.next();
            TrainingRecipe<B> recipe = (TrainingRecipe<B>) spec.value().recipe();
            MetaTrainSettings ms = spec.value().options().metaTrain();
            ParamLayout layout = recipe.model().fastLayout().layout();
            Params meta = Params.wrap(layout, params.value());
            TaskGradient<B> worker = new TaskGradient<>(recipe.model(), ms.learner(), ms.innerSteps(), ms.innerLr());
            Gradient partial = new Gradient(layout), scratch = new Gradient(layout);
            double query = 0, support = 0;
            int tasks = 0;
            long start = starts[block.partition], end = starts[block.partition + 1];
            for (int index : batch) {
                if (index < start || index >= end) continue;
                Task<B> task = block.tasks.get((int) (index - start));
                scratch.clear();
                TaskGradient.Losses losses;
                try {
                    losses = worker.addTo(meta, task, scratch);
                } catch (NonFiniteException e) {
                    throw e.within("meta step " + stepNo + ", task " + task.userId());
                }
                partial.addScaled(scratch, 1.0 / batch.length);
                query += losses.query();
                support += losses.supportBefore();
                tasks++;
            }
            return List.of(PartialGradient.of(block.partition, partial, query, support, tasks)).iterator();
        });
        int parts = blocks.getNumPartitions();
        int fanIn = options.fanIn();
        while (parts > fanIn) {
            int groups = (parts + fanIn - 1) / fanIn;
            level = level.mapToPair(p -> new Tuple2<>(p.part() / fanIn, p)).groupByKey(groups)
                    .map(g -> {
                        List<PartialGradient> list = new ArrayList<>();
                        g._2().forEach(list::add);
                        return PartialGradient.sum(g._1(), list, spec.value().recipe().model().fastLayout().layout());
                    });
            parts = groups;
        }
        return PartialGradient.sum(0, level.collect(), layoutOnDriver);
    }

    private <B> Result finish(TrainingRecipe<B> recipe, Broadcast<RunSpec> spec, JavaRDD<UserHistory> histories, long events, JavaRDD<TaskBlock<B>> blocks,
                              List<int[]> sizes, MetaTrainState state, java.util.Optional<Checkpoint> champion, String base, int taskCount,
                              Figures figures) {
        List<UserHistory> validationUsers = leading(blocks, sizes, 1, settings.maxValidationUsers(), true);
        List<UserHistory> calibrationUsers = leading(blocks, sizes, 0, TrainingRecipe.CALIBRATION_TASKS, false);
        List<Task<B>> validation = tasks(recipe, validationUsers);
        double challengerLoss = validation.isEmpty() ? Double.NaN : evaluate(recipe, state.params(), validation);
        double championLoss = champion.map(c -> championLoss(c, spec.value(), validationUsers)).orElse(Double.NaN);
        Promotion gate = new Promotion(checkpoints, pointer, codec, settings.promotionMargin());
        String runId = recipe.start().checkpointId();
        if (!gate.better(champion, recipe.start(), challengerLoss, championLoss))
            return new Result(Status.REJECTED, runId, "", state.step(), taskCount, validation.size(), challengerLoss, championLoss, state.params(),
                    "the challenger (validation loss " + challengerLoss + ") is not better than champion " + champion.get().checkpointId()
                            + " (" + championLoss + ")", figures);
        java.util.Optional<TargetRange> range = targetRange(histories, spec);
        Checkpoint finished = rankPrior(recipe.finish(state.params(), state.step(), challengerLoss, tasks(recipe, calibrationUsers), range, clock.instant()),
                histories, events, spec.value());
        boolean moved = gate.promote(finished, base);
        LOG.log(System.Logger.Level.INFO, "run {0}: {1} (validation loss {2} vs champion {3})", runId, moved ? "promoted" : "lost the race",
                challengerLoss, championLoss);
        return new Result(moved ? Status.PROMOTED : Status.LOST_RACE, runId, finished.checkpointId(), state.step(), taskCount, validation.size(),
                challengerLoss, championLoss, state.params(), moved ? "promoted" : "the champion changed during the run; not promoted", figures);
    }

    /**
     * The finished challenger with its rank prior ({@link RankPriors}, the in-process trainer's fit), fitted on the
     * driver from every user's events when the export holds at most {@link #RANK_SAMPLE_EVENTS} events, else from the
     * users a hash of the id samples down to about that many (the same users in every run on the same export).
     */
    private Checkpoint rankPrior(Checkpoint c, JavaRDD<UserHistory> histories, long total, RunSpec spec) {
        double keep = Math.min(1.0, RANK_SAMPLE_EVENTS / (double) Math.max(1, total));
        List<UserHistory> sample = histories.filter(h -> keep >= 1.0 || sampled(h.userId(), keep)).collect();
        List<Event> events = new ArrayList<>();
        Map<String, UserProfile> profiles = new HashMap<>();
        for (UserHistory h : sample) {
            events.addAll(h.domainEvents());
            profiles.put(h.userId(), h.domainProfile());
        }
        List<Item> items = spec.items().stream().map(ItemRow::item).toList();
        LOG.log(System.Logger.Level.INFO, "rank prior: fitted on {0} of {1} events ({2} users)", events.size(), total, sample.size());
        return RankPriors.attach(c, events, items, profiles, settings, options.serving());
    }

    /** At most this many events reach the driver for the rank prior's fit (about 100 bytes each as domain events). */
    static final long RANK_SAMPLE_EVENTS = 2_000_000;

    /** Whether a user falls in a {@code keep} fraction of users, by a hash of the id independent of the validation split. */
    static boolean sampled(String userId, double keep) {
        return Math.floorMod(Integer.rotateLeft(userId.hashCode() * 0x85EBCA6B, 13), 1_000_000) < keep * 1_000_000;
    }

    /**
     * The first {@code limit} users, in user-id order, of the blocks' validation ({@code validation}) or
     * training lists; {@code column} is the count's position in {@code sizes}.
     */
    private static <B> List<UserHistory> leading(JavaRDD<TaskBlock<B>> blocks, List<int[]> sizes, int column, int limit, boolean validation) {
        int[] take = new int[sizes.size()];
        int left = limit;
        for (int p = 0; p < sizes.size() && left > 0; p++) {
            take[p] = Math.min(left, sizes.get(p)[column]);
            left -= take[p];
        }
        List<List<UserHistory>> parts = blocks.map(b -> {
            List<UserHistory> from = validation ? b.validation : b.histories;
            return (List<UserHistory>) new ArrayList<>(from.subList(0, take[b.partition]));
        }).collect();
        List<UserHistory> out = new ArrayList<>();
        parts.forEach(out::addAll);
        return out;
    }

    private static <B> List<Task<B>> tasks(TrainingRecipe<B> recipe, List<UserHistory> users) {
        List<Task<B>> out = new ArrayList<>();
        for (UserHistory h : users) recipe.task(h.userId(), h.domainEvents(), h.domainProfile()).ifPresent(out::add);
        return out;
    }

    private double championLoss(Checkpoint champion, RunSpec spec, List<UserHistory> users) {
        List<Item> items = spec.items().stream().map(ItemRow::item).toList();
        return championLoss(TrainingRecipes.of(champion, items, settings, options.serving()), champion.params(), users);
    }

    private <B> double championLoss(TrainingRecipe<B> recipe, Params params, List<UserHistory> users) {
        List<Task<B>> tasks = tasks(recipe, users);
        return tasks.isEmpty() ? Double.NaN : evaluate(recipe, params, tasks);
    }

    private <B> double evaluate(TrainingRecipe<B> recipe, Params params, List<Task<B>> tasks) {
        try (MetaTrainer<B> t = new MetaTrainer<>(recipe.model(), settings.trainerConfig().withThreads(1))) {
            return t.evaluate(params, tasks);
        } catch (NonFiniteException e) {
            return Double.NaN;
        }
    }

    /** The recipe's target range over every user's events (not only those with tasks), merged across partitions. */
    private static java.util.Optional<TargetRange> targetRange(JavaRDD<UserHistory> histories, Broadcast<RunSpec> spec) {
        List<double[]> ranges = histories.mapPartitions(it -> {
            List<Event> events = new ArrayList<>();
            it.forEachRemaining(h -> events.addAll(h.domainEvents()));
            double[] r = spec.value().recipe().targetRange(events).map(t -> new double[]{t.lo(), t.hi()}).orElse(new double[0]);
            return List.of(r).iterator();
        }).collect();
        java.util.Optional<TargetRange> out = java.util.Optional.empty();
        for (double[] r : ranges) {
            if (r.length == 0) continue;
            TargetRange t = new TargetRange(r[0], r[1]);
            out = java.util.Optional.of(out.map(t::merge).orElse(t));
        }
        return out;
    }

    private JavaRDD<String> files(DynamoDbExport export) {
        return sc.parallelize(export.files(), Math.max(1, export.files().size()));
    }

    private static Iterator<ItemRow> itemRows(String file) {
        List<ItemRow> out = new ArrayList<>();
        DynamoDbExport.readFile("items", file, new Configuration(), (line, item) -> out.add(ItemRow.of(DynamoDbExportRecords.catalogueItem(item))));
        return out.iterator();
    }

    private static Iterator<EventRow> eventRows(String file, Set<String> knownItems, org.apache.spark.util.LongAccumulator unknown,
                                                org.apache.spark.util.CollectionAccumulator<String> examples) {
        List<EventRow> out = new ArrayList<>();
        boolean[] noted = {false};
        DynamoDbExport.readFile("events", file, new Configuration(), (line, item) -> {
            Event e = DynamoDbExportRecords.event(item);
            if (!knownItems.contains(e.itemId())) {
                unknown.add(1);
                if (!noted[0]) examples.add(file + " line " + line + ": item '" + e.itemId() + "'");   // no user id: it would reach the logs
                noted[0] = true;
            }
            out.add(EventRow.of(e));
        });
        return out.iterator();
    }

    private static Iterator<Tuple2<String, LinkedHashMap<String, ArrayList<String>>>> profileRows(String file) {
        List<Tuple2<String, LinkedHashMap<String, ArrayList<String>>>> out = new ArrayList<>();
        DynamoDbExport.readFile("profiles", file, new Configuration(), (line, item) -> {
            UserProfile p = DynamoDbExportRecords.profile(item);
            out.add(new Tuple2<>(p.userId(), Rows.attributes(p.attributes())));
        });
        return out.iterator();
    }

    private static UserHistory history(Tuple2<Iterable<EventRow>, Optional<LinkedHashMap<String, ArrayList<String>>>> t) {
        List<EventRow> events = new ArrayList<>();
        t._1().forEach(events::add);
        return new UserHistory(events.get(0).userId(), events, t._2().orElse(new LinkedHashMap<>()));
    }

    private static long ratings(UserHistory h) {
        long n = 0;
        for (EventRow e : h.events()) if (e.type().equals(EventType.RATING.name())) n++;
        return n;
    }

    /** The users' profiles as a multiset (the design and the attribute vocabularies depend only on it). */
    private static Iterable<UserProfile> expand(Map<LinkedHashMap<String, ArrayList<String>>, Long> counts) {
        List<UserProfile> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<LinkedHashMap<String, ArrayList<String>>, Long> e : counts.entrySet()) {
            var attributes = Rows.attributes(e.getKey());
            for (long k = 0; k < e.getValue(); k++) out.add(new UserProfile("profile-" + i++, attributes));
        }
        return Collections.unmodifiableList(out);
    }

    private java.util.Optional<Checkpoint> load(String id) {
        try {
            return checkpoints.read(id).map(codec::decode);
        } catch (CheckpointFormatException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "champion " + id + " is unreadable; treating it as absent for comparison: " + e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private Result noData(String why) {
        LOG.log(System.Logger.Level.WARNING, why);
        return new Result(Status.NO_DATA, "", "", 0, 0, 0, Double.NaN, Double.NaN, null, why, null);
    }

    /** {@code ckpt-<UTC yyyyMMddHHmmssSSS>-s<hash of base champion, seed and data size>}: new per run, deterministic. */
    private String runId(Instant now, String base, long events, int items) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC).format(now);
        long h = base.hashCode() * 31L + settings.seed() * 1_000_003L + events * 7919L + items;
        return "ckpt-" + stamp + "-s" + Long.toHexString(h & 0xFFFFFFL);
    }

    /** The message of a {@code type} exception thrown in a Spark task, as Spark's job failure quotes it. */
    private static String remoteMessage(Throwable e, Class<?> type) {
        String marker = type.getName() + ": ";
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            int at = m == null ? -1 : m.indexOf(marker);
            if (at >= 0) {
                int end = m.indexOf('\n', at);
                return m.substring(at + marker.length(), end < 0 ? m.length() : end).strip();
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return type.cast(t);
        return null;
    }
}
