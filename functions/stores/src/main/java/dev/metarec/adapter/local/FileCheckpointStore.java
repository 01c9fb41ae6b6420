package dev.metarec.adapter.local;

import dev.metarec.port.CheckpointStore;
import dev.metarec.port.ConflictException;
import dev.metarec.port.StoreException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checkpoints as files {@code <dir>/<id>.ckpt}. A write goes to a temporary file that is flushed to
 * disk and then hard-linked to its final name, which fails if that name exists: the file appears
 * complete or not at all, and is never overwritten.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private final Path dir;

    public FileCheckpointStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("can't create checkpoint directory " + dir, e);
        }
    }

    @Override
    public void write(String checkpointId, byte[] bytes) {
        Path target = path(checkpointId);
        Path tmp = dir.resolve("." + checkpointId + "." + UUID.randomUUID() + ".tmp");
        try {
            writeDurably(tmp, bytes);
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw new ConflictException("checkpoint " + checkpointId + " already exists; checkpoints are written once", e);
        } catch (IOException e) {
            throw new StoreException("can't write checkpoint " + checkpointId + ": " + e.getMessage(), e);
        } finally {
            try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* a stray temp file is harmless */ }
        }
    }

    @Override
    public Optional<byte[]> read(String checkpointId) {
        try {
            return Optional.of(Files.readAllBytes(path(checkpointId)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("can't read checkpoint " + checkpointId + ": " + e.getMessage(), e);
        }
    }

    private Path path(String checkpointId) {
        if (checkpointId == null || !ID.matcher(checkpointId).matches())
            throw new IllegalArgumentException("checkpointId must match " + ID.pattern() + ", was " + checkpointId);
        return dir.resolve(checkpointId + ".ckpt");
    }

    static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
    }
}
