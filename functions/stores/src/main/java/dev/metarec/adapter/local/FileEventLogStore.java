package dev.metarec.adapter.local;

import dev.metarec.port.EventLogStore;
import dev.metarec.port.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/** Event-log snapshots as {@code <dir>/<runId>.bin}, each written by an atomic rename of a flushed temporary file. */
public final class FileEventLogStore implements EventLogStore {
    private final Path dir;

    public FileEventLogStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("can't create event-log directory " + dir, e);
        }
    }

    private Path file(String runId) {
        if (runId.isEmpty() || runId.contains("/") || runId.contains("\\") || runId.startsWith("."))
            throw new IllegalArgumentException("run id must be a plain file name, was '" + runId + "'");
        return dir.resolve(runId + ".bin");
    }

    @Override
    public void write(String runId, byte[] snapshot) {
        Path target = file(runId);
        Path tmp = dir.resolve(".log." + UUID.randomUUID() + ".tmp");
        try {
            FileCheckpointStore.writeDurably(tmp, snapshot);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreException("can't write event-log snapshot " + runId + ": " + e.getMessage(), e);
        } finally {
            try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* harmless */ }
        }
    }

    @Override
    public Optional<byte[]> read(String runId) {
        try {
            return Optional.of(Files.readAllBytes(file(runId)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("can't read event-log snapshot " + runId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String runId) {
        try {
            Files.deleteIfExists(file(runId));
        } catch (IOException e) {
            throw new StoreException("can't delete event-log snapshot " + runId + ": " + e.getMessage(), e);
        }
    }
}
