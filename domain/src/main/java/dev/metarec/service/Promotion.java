package dev.metarec.service;

import dev.metarec.checkpoint.Checkpoint;
import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.checkpoint.CheckpointFormatException;
import dev.metarec.port.ChampionPointer;
import dev.metarec.port.CheckpointStore;

import java.util.Optional;

/**
 * The challenger-versus-champion gate at the end of a meta-training run, shared by every trainer. A
 * challenger is promoted only when there is no champion yet (bootstrap) or its validation loss is below
 * the champion's by the margin, on the same objective. Promotion writes the checkpoint once under its new
 * id, reads it back and verifies it (checksum, parameters), then moves the champion pointer by
 * compare-and-set from the champion the run started from, so a run that lost a race promotes nothing; the
 * pointer records the SHA-256 of the promoted bytes, which serving checks on every load.
 */
public final class Promotion {
    private final CheckpointStore checkpoints;
    private final ChampionPointer pointer;
    private final CheckpointCodec codec;
    private final double margin;

    public Promotion(CheckpointStore checkpoints, ChampionPointer pointer, CheckpointCodec codec, double margin) {
        this.checkpoints = checkpoints;
        this.pointer = pointer;
        this.codec = codec;
        this.margin = margin;
    }

    /** Whether the challenger may replace the champion (both losses: mean query loss after adaptation on validation users). */
    public boolean better(Optional<Checkpoint> champion, Checkpoint challenger, double challengerLoss, double championLoss) {
        return champion.isEmpty() || (Double.isFinite(challengerLoss) && Double.isFinite(championLoss)
                && champion.get().config().objective() == challenger.config().objective()
                && challengerLoss < championLoss - margin);
    }

    /**
     * Writes, verifies and points at {@code finished}. True when the pointer moved; false when it no longer
     * held {@code baseChampion} (empty = the run started with no champion).
     *
     * @throws CheckpointFormatException when the checkpoint does not read back as written (the pointer is not moved)
     */
    public boolean promote(Checkpoint finished, String baseChampion) {
        checkpoints.write(finished.checkpointId(), codec.encode(finished));
        byte[] stored = checkpoints.read(finished.checkpointId()).orElseThrow(() ->
                new CheckpointFormatException("checkpoint " + finished.checkpointId() + " vanished after writing"));
        Checkpoint verified = codec.decode(stored);
        if (!verified.params().equals(finished.params()))
            throw new CheckpointFormatException("checkpoint " + finished.checkpointId() + " reads back different parameters");
        // The pointer records the SHA-256 of the bytes it promotes: an object replaced later is never served.
        return pointer.moveCurrent(baseChampion.isEmpty() ? null : baseChampion, finished.checkpointId(), Digests.sha256(stored));
    }
}
