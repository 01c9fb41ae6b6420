package dev.metarec.adapter.local;

import dev.metarec.port.StoreException;
import dev.metarec.port.TrainingProgressStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/** Training progress as {@code <dir>/progress.bin}, replaced by an atomic rename of a flushed temporary file. */
public final class FileTrainingProgressStore implements TrainingProgressStore {
    private final Path dir;
    private final Path file;

    public FileTrainingProgressStore(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("progress.bin");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("can't create training directory " + dir, e);
        }
    }

    @Override
    public void save(byte[] progress) {
        Path tmp = dir.resolve(".progress." + UUID.randomUUID() + ".tmp");
        try {
            FileCheckpointStore.writeDurably(tmp, progress);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreException("can't save training progress: " + e.getMessage(), e);
        } finally {
            try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* harmless */ }
        }
    }

    @Override
    public Optional<byte[]> load() {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("can't read training progress: " + e.getMessage(), e);
        }
    }

    @Override
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StoreException("can't clear training progress: " + e.getMessage(), e);
        }
    }
}
