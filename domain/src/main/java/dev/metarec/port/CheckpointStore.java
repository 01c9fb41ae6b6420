package dev.metarec.port;

import java.util.Optional;

/**
 * Model checkpoints as opaque, self-checking byte blobs (the checkpoint codec embeds a SHA-256),
 * each written once under a new id and never overwritten. S3: {@code checkpoints/<id>.ckpt};
 * locally a file renamed into place atomically. Which checkpoint serves is {@link ChampionPointer}'s job.
 */
public interface CheckpointStore {

    /** Writes {@code bytes} under a new id; throws {@link ConflictException} if the id already exists (nothing is changed). */
    void write(String checkpointId, byte[] bytes);

    /** The bytes exactly as written, or empty if no such checkpoint. */
    Optional<byte[]> read(String checkpointId);
}
