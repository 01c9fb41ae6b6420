package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.checkpoint.CheckpointFormatException;
import dev.metarec.port.ChampionPointer;
import dev.metarec.port.CheckpointStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The champion as served by a warm container: re-reads the pointer at most every {@code refresh} and
 * loads a checkpoint only when the pointer moved. A checkpoint that is missing, corrupt (checksum), replaced
 * after its promotion (its SHA-256 differs from the one recorded in the pointer) or incompatible is never loaded: the model already in memory keeps serving and the failure is logged.
 * Thread-safe.
 */
public final class ChampionCache {
    private static final System.Logger LOG = System.getLogger(ChampionCache.class.getName());
    private final ChampionPointer pointer;
    private final CheckpointStore checkpoints;
    private final CheckpointCodec codec;
    private final int adaptSteps;
    private final Duration refresh;
    private volatile ServingModel current;
    private volatile Instant checkedAt = Instant.MIN;
    private volatile String rejected;

    public ChampionCache(ChampionPointer pointer, CheckpointStore checkpoints, CheckpointCodec codec, int adaptSteps, Duration refresh) {
        this.pointer = pointer;
        this.checkpoints = checkpoints;
        this.codec = codec;
        this.adaptSteps = adaptSteps;
        this.refresh = refresh;
    }

    /** The serving champion, if any checkpoint could be loaded. */
    public Optional<ServingModel> current(Instant now) {
        ServingModel model = current;
        if (model == null || !now.isBefore(checkedAt.plus(refresh))) model = refresh(now);
        return Optional.ofNullable(model);
    }

    /** The champion, or {@link ModelUnavailableException} when none has been trained yet. */
    public ServingModel require(Instant now) {
        return current(now).orElseThrow(() -> new ModelUnavailableException("no champion model yet: meta-train has not produced one"));
    }

    /** Re-reads the pointer now (e.g. right after a promotion). */
    public synchronized ServingModel refresh(Instant now) {
        checkedAt = now;
        Optional<String> id = pointer.current();
        ServingModel model = current;
        if (id.isEmpty() || (model != null && model.checkpointId().equals(id.get())) || id.get().equals(rejected)) return model;
        try {
            current = load(id.get());
            LOG.log(System.Logger.Level.INFO, "serving champion {0}", id.get());
        } catch (CheckpointFormatException | IllegalArgumentException | ArithmeticException e) {
            rejected = id.get();
            LOG.log(System.Logger.Level.ERROR, "champion checkpoint " + id.get() + " rejected, "
                    + (model == null ? "no model in memory" : "still serving " + model.checkpointId()) + ": " + e.getMessage(), e);
            if (model == null) current = loadPrevious(id.get());
        }
        return current;
    }

    /** A container with nothing in memory falls back to the champion before the unloadable one, if it loads. */
    private ServingModel loadPrevious(String unloadable) {
        Optional<String> previous = pointer.previous().filter(p -> !p.equals(unloadable));
        if (previous.isEmpty()) return null;
        try {
            ServingModel model = load(previous.get());
            LOG.log(System.Logger.Level.WARNING, "serving the previous champion {0} because {1} cannot be loaded", previous.get(), unloadable);
            return model;
        } catch (CheckpointFormatException | IllegalArgumentException | ArithmeticException e) {
            LOG.log(System.Logger.Level.ERROR, "previous champion " + previous.get() + " cannot be loaded either: " + e.getMessage(), e);
            return null;
        }
    }

    private ServingModel load(String checkpointId) {
        byte[] bytes = checkpoints.read(checkpointId).orElseThrow(() -> new CheckpointFormatException("checkpoint " + checkpointId + " is missing"));
        Optional<String> promoted = pointer.sha256(checkpointId);
        if (promoted.isPresent() && !promoted.get().equals(Digests.sha256(bytes)))
            throw new CheckpointFormatException("checkpoint " + checkpointId + " is not the object that was promoted (its SHA-256 differs from the"
                    + " one the champion pointer recorded): it was replaced after promotion");
        Checkpoint c = codec.decode(bytes);
        if (!c.checkpointId().equals(checkpointId))
            throw new CheckpointFormatException("checkpoint stored as " + checkpointId + " calls itself " + c.checkpointId());
        return new ServingModel(c, adaptSteps);
    }
}
