package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.checkpoint.CheckpointFormatException;
import dev.metarec.meta.MetaTrainState;
import dev.metarec.meta.MetaTrainer;
import dev.metarec.meta.Task;
import dev.metarec.model.EventType;
import dev.metarec.nn.NonFiniteException;
import dev.metarec.nn.Params;
import dev.metarec.port.CatalogStore;
import dev.metarec.port.ChampionPointer;
import dev.metarec.port.CheckpointStore;
import dev.metarec.port.ErasureLog;
import dev.metarec.port.EventLogStore;
import dev.metarec.port.EventStore;
import dev.metarec.port.TrainingProgressStore;
import dev.metarec.port.UserProfileStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduled meta-training job (MAML family; Finn et al. ICML 2017, as configured). One invocation
 * trains within its time budget and saves its progress; the next one resumes. When the run reaches its
 * target steps, the challenger is compared with the champion on held-out validation users (mean query
 * loss after adaptation) and promoted only if better: written once under a new id, read back and
 * verified (checksum), then the pointer moves by compare-and-set. A corrupt checkpoint is never
 * promoted and a non-finite training step abandons the run, so the champion keeps serving. With no
 * champion at all, the first finished run is promoted (bootstrap). A run reads the events table once, when
 * it starts, and writes that snapshot to the {@link EventLogStore}; the invocations that resume it read the
 * snapshot instead, so the whole run trains on the same events (and no invocation but the first scans the table).
 */
public final class MetaTrainService {
    private static final System.Logger LOG = System.getLogger(MetaTrainService.class.getName());

    public enum Status { NO_DATA, IN_PROGRESS, PROMOTED, REJECTED, LOST_RACE, FAILED }

    public record Result(Status status, String runId, String checkpointId, long step, long targetSteps, int trainTasks,
                         int validationTasks, double challengerLoss, double championLoss, String message) {}

    private final EventStore events;
    private final CatalogStore catalog;
    private final UserProfileStore profiles;
    private final CheckpointStore checkpoints;
    private final ChampionPointer pointer;
    private final TrainingProgressStore progress;
    private final EventLogStore eventLog;
    private final CheckpointCodec codec;
    private final MetaTrainSettings settings;
    private final ServiceSettings serving;
    private final Clock clock;
    private final ErasureLog erasures;
    private final TrainingGuards guards;

    public MetaTrainService(EventStore events, CatalogStore catalog, UserProfileStore profiles, CheckpointStore checkpoints,
                            ChampionPointer pointer, TrainingProgressStore progress, CheckpointCodec codec,
                            MetaTrainSettings settings, ServiceSettings serving, Clock clock) {
        this(events, catalog, profiles, checkpoints, pointer, progress, EventLogStore.NONE, codec, settings, serving, clock);
    }

    public MetaTrainService(EventStore events, CatalogStore catalog, UserProfileStore profiles, CheckpointStore checkpoints,
                            ChampionPointer pointer, TrainingProgressStore progress, EventLogStore eventLog, CheckpointCodec codec,
                            MetaTrainSettings settings, ServiceSettings serving, Clock clock) {
        this(events, catalog, profiles, checkpoints, pointer, progress, eventLog, ErasureLog.NONE, TrainingGuards.DEFAULT, codec, settings, serving, clock);
    }

    /**
     * @param erasures users erased lately: a resumed run drops their events from its snapshot (and rewrites it)
     * @param guards   per-user window, sampling, profile-value minimum count and run age ({@link TrainingGuards})
     */
    public MetaTrainService(EventStore events, CatalogStore catalog, UserProfileStore profiles, CheckpointStore checkpoints,
                            ChampionPointer pointer, TrainingProgressStore progress, EventLogStore eventLog, ErasureLog erasures,
                            TrainingGuards guards, CheckpointCodec codec, MetaTrainSettings settings, ServiceSettings serving, Clock clock) {
        this.erasures = erasures;
        this.guards = guards;
        this.eventLog = eventLog;
        this.events = events;
        this.catalog = catalog;
        this.profiles = profiles;
        this.checkpoints = checkpoints;
        this.pointer = pointer;
        this.progress = progress;
        this.codec = codec;
        this.settings = settings;
        this.serving = serving;
        this.clock = clock;
    }

    /** Trains until the run finishes or {@code budget} is spent, whichever is first. */
    public Result run(Duration budget) {
        Instant deadline = clock.instant().plus(budget);
        Optional<String> currentId = pointer.current();
        Optional<Checkpoint> champion = currentId.flatMap(this::load);
        Optional<TrainingProgress> resumed = resume();
        TrainingProgress run;
        TrainingData data;
        if (resumed.isPresent()) {
            run = resumed.get();
            data = withoutErasedUsers(run, snapshotOf(run.runId()));
        } else {
            data = TrainingData.read(events, catalog, profiles, guards);
            run = start(data, champion, currentId.orElse(""));
            if (run != null) eventLog.write(run.runId(), EventLogCodec.encode(data.allEvents));
        }
        if (run == null) return new Result(Status.NO_DATA, "", "", 0, settings.targetSteps(), 0, 0, Double.NaN, Double.NaN,
                "no items yet: ingest a catalogue (and events) first");
        return train(TrainingRecipes.of(run.challenger(), data.items, settings, serving), run, data, champion, deadline);
    }

    private <B> Result train(TrainingRecipe<B> recipe, TrainingProgress run, TrainingData data, Optional<Checkpoint> champion, Instant deadline) {
        List<Task<B>> train = data.tasks(false, recipe, settings);
        List<Task<B>> validation = data.tasks(true, recipe, settings);
        MetaTrainState state = run.state();
        if (!train.isEmpty()) {
            if (state.taskCount() != 0 && state.taskCount() != train.size())
                state = new MetaTrainState(state.params(), state.optimizer(), state.step(), 0, train.size());
            try (MetaTrainer<B> trainer = new MetaTrainer<>(recipe.model(), settings.trainerConfig())) {
                long lastSaved = state.step();
                while (state.step() < settings.targetSteps() && clock.instant().isBefore(deadline)) {
                    state = trainer.step(state, train, r -> { });
                    if (state.step() - lastSaved >= settings.checkpointEvery()) { save(run, state); lastSaved = state.step(); }
                }
            } catch (NonFiniteException e) {
                progress.clear();
                eventLog.delete(run.runId());
                LOG.log(System.Logger.Level.ERROR, "meta-training run " + run.runId() + " abandoned, the champion keeps serving: " + e.getMessage(), e);
                return new Result(Status.FAILED, run.runId(), "", state.step(), settings.targetSteps(), train.size(), validation.size(), Double.NaN, Double.NaN, e.getMessage());
            }
        }
        boolean done = state.step() >= settings.targetSteps() || train.isEmpty();
        if (!done) {
            save(run, state);
            return new Result(Status.IN_PROGRESS, run.runId(), "", state.step(), settings.targetSteps(), train.size(), validation.size(), Double.NaN, Double.NaN,
                    "time budget spent; the next invocation resumes");
        }
        return finish(run, state, recipe, data, champion, train, validation);
    }

    private <B> Result finish(TrainingProgress run, MetaTrainState state, TrainingRecipe<B> recipe, TrainingData data,
                              Optional<Checkpoint> champion, List<Task<B>> train, List<Task<B>> validation) {
        double challengerLoss = validation.isEmpty() ? Double.NaN : evaluate(recipe, state.params(), validation);
        double championLoss = champion.map(c -> championLoss(c, data)).orElse(Double.NaN);
        progress.clear();
        eventLog.delete(run.runId());
        Promotion gate = new Promotion(checkpoints, pointer, codec, settings.promotionMargin());
        if (!gate.better(champion, run.challenger(), challengerLoss, championLoss))
            return new Result(Status.REJECTED, run.runId(), "", state.step(), settings.targetSteps(), train.size(), validation.size(),
                    challengerLoss, championLoss, "the challenger is not better than champion " + champion.get().checkpointId());
        Checkpoint c = finished(recipe, state, challengerLoss, train, data, settings, serving, clock.instant());
        Status status = gate.promote(c, run.baseChampion()) ? Status.PROMOTED : Status.LOST_RACE;
        LOG.log(System.Logger.Level.INFO, "meta-train run {0}: {1} (validation loss {2} vs champion {3})", run.runId(), status, challengerLoss, championLoss);
        return new Result(status, run.runId(), c.checkpointId(), state.step(), settings.targetSteps(), train.size(), validation.size(),
                challengerLoss, championLoss, status == Status.PROMOTED ? "promoted" : "the champion changed during the run; not promoted");
    }

    /** The finished challenger: the recipe's checkpoint (calibrated on the leading training tasks) with its fitted {@link RankFit rank prior}. */
    static <B> Checkpoint finished(TrainingRecipe<B> recipe, MetaTrainState state, double challengerLoss, List<Task<B>> train, TrainingData data,
                                   MetaTrainSettings settings, ServiceSettings serving, Instant now) {
        List<Task<B>> leading = train.subList(0, Math.min(train.size(), TrainingRecipe.CALIBRATION_TASKS));
        return RankFit.attach(recipe.finish(state.params(), state.step(), challengerLoss, leading, recipe.targetRange(data.allEvents), now),
                data, settings, serving);
    }

    private double championLoss(Checkpoint champion, TrainingData data) {
        return validationLoss(TrainingRecipes.of(champion, data.items, settings, serving), champion.params(), data);
    }

    private <B> double validationLoss(TrainingRecipe<B> recipe, Params params, TrainingData data) {
        List<Task<B>> tasks = data.tasks(true, recipe, settings);
        return tasks.isEmpty() ? Double.NaN : evaluate(recipe, params, tasks);
    }

    private <B> double evaluate(TrainingRecipe<B> recipe, Params params, List<Task<B>> tasks) {
        try (MetaTrainer<B> t = new MetaTrainer<>(recipe.model(), settings.trainerConfig().withThreads(1))) {
            return t.evaluate(params, tasks);
        } catch (NonFiniteException e) {
            return Double.NaN;
        }
    }

    /** A new run: features fitted on today's data; parameters warm-started from the champion when the shapes agree. */
    private TrainingProgress start(TrainingData data, Optional<Checkpoint> champion, String base) {
        if (data.items.isEmpty()) return null;
        String runId = runId(clock.instant(), base, data);
        Checkpoint challenger = challenger(runId, champion, data, settings, serving, guards, clock.instant());
        return new TrainingProgress(runId, base, challenger, MetaTrainState.initial(challenger.params()));
    }

    /** A run's starting checkpoint: designed and fitted on {@code data}, warm-started from the champion when the shapes agree. */
    static Checkpoint challenger(String runId, Optional<Checkpoint> champion, TrainingData data, MetaTrainSettings settings, ServiceSettings serving,
                                 TrainingGuards guards, Instant now) {
        long ratings = data.allEvents.stream().filter(e -> e.type() == EventType.RATING).count();
        // Profile values seen on fewer than profileMinCount users hash instead of being written into the checkpoint.
        return TrainingRecipes.challenger(runId, champion, data.userProfiles(), data.items, ratings, data.allEvents.size(),
                ItemBaselines.evidence(data, settings, serving), settings, guards.profileMinCount(), now);
    }

    /** {@code ckpt-<UTC yyyyMMddHHmmssSSS>-<hash of base champion, seed and data size>}: new per run, deterministic. */
    private String runId(Instant now, String base, TrainingData data) {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(java.time.ZoneOffset.UTC).format(now);
        long h = base.hashCode() * 31L + settings.seed() * 1_000_003L + data.allEvents.size() * 7919L + data.items.size();
        return "ckpt-" + stamp + "-" + Long.toHexString(h & 0xFFFFFFL);
    }

    /** The events the run started with (its snapshot); the table again, logged, if the snapshot is gone or corrupt. */
    private TrainingData snapshotOf(String runId) {
        Optional<byte[]> bytes = eventLog.read(runId);
        if (bytes.isPresent()) {
            try {
                return TrainingData.of(EventLogCodec.decode(bytes.get()), catalog, profiles);
            } catch (CheckpointFormatException e) {
                LOG.log(System.Logger.Level.WARNING, "event-log snapshot of run " + runId + " is unreadable, reading the events table: " + e.getMessage());
            }
        } else if (eventLog != EventLogStore.NONE) {
            LOG.log(System.Logger.Level.WARNING, "no event-log snapshot for run " + runId + "; reading the events table");
        }
        TrainingData data = TrainingData.read(events, catalog, profiles, guards);
        eventLog.write(runId, EventLogCodec.encode(data.allEvents));
        return data;
    }

    /**
     * Erasure reaches a run in progress: the events of users erased since the run started are dropped, and the run's
     * snapshot is rewritten without them (S3 keeps the replaced version for a day, see docs/DEPLOY.md).
     */
    private TrainingData withoutErasedUsers(TrainingProgress run, TrainingData data) {
        Set<String> erased = erasures.erasedSince(run.challenger().metadata().createdAt());
        TrainingData kept = data.without(erased);
        if (kept != data) {
            LOG.log(System.Logger.Level.INFO, "meta-train run {0}: dropped {1} events of users erased since the run started",
                    run.runId(), data.allEvents.size() - kept.allEvents.size());
            eventLog.write(run.runId(), EventLogCodec.encode(kept.allEvents));
        }
        return kept;
    }

    private Optional<TrainingProgress> resume() {
        try {
            Optional<TrainingProgress> run = progress.load().map(b -> TrainingProgress.decode(b, codec));
            if (run.isPresent() && run.get().challenger().metadata().createdAt().isBefore(clock.instant().minus(guards.maxRunAge()))) {
                LOG.log(System.Logger.Level.WARNING, "meta-train run " + run.get().runId() + " started more than " + guards.maxRunAge()
                        + " ago; starting a new run instead of resuming it");
                progress.clear();
                eventLog.delete(run.get().runId());
                return Optional.empty();
            }
            return run;
        } catch (CheckpointFormatException e) {
            LOG.log(System.Logger.Level.WARNING, "saved training progress is unreadable, starting a new run: " + e.getMessage());
            progress.clear();
            return Optional.empty();
        }
    }

    private void save(TrainingProgress run, MetaTrainState state) {
        Checkpoint c = run.challenger();
        Checkpoint now = new Checkpoint(c.checkpointId(), c.config(), c.features(), state.params(), c.metadata());
        progress.save(new TrainingProgress(run.runId(), run.baseChampion(), now, state).encode(codec));
    }

    private Optional<Checkpoint> load(String id) {
        try {
            return checkpoints.read(id).map(codec::decode);
        } catch (CheckpointFormatException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "champion " + id + " is unreadable; treating it as absent for comparison: " + e.getMessage());
            return Optional.empty();
        }
    }
}
