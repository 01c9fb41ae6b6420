package dev.metarec.eval.data;

import java.nio.file.Path;

/** A data file that does not have the expected format; the message names the file and the line. */
public final class DataFormatException extends RuntimeException {
    private final Path file;
    private final long line;

    public DataFormatException(Path file, long line, String problem) {
        super(file + " line " + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public DataFormatException(Path file, long line, String problem, Throwable cause) {
        super(file + " line " + line + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    public Path file() { return file; }

    public long line() { return line; }
}
