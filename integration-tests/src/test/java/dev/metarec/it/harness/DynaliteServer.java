package dev.metarec.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * dynalite (npm {@code dynalite}, a DynamoDB-compatible server on Node) as a child process on a free
 * loopback port. In memory by default; with a data directory it keeps its tables on disk (LevelDB), so
 * a test can kill it and start it again on the same port and data. Stopped by its own process handle.
 */
public final class DynaliteServer implements AutoCloseable {
    private final Path moduleDir;
    private final Path dataDir;
    private final int port;
    private Process process;

    private DynaliteServer(Path moduleDir, Path dataDir, int port) {
        this.moduleDir = moduleDir;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts an in-memory dynalite. */
    public static DynaliteServer startInMemory() {
        return start(null);
    }

    /** Starts a dynalite keeping its data in {@code dataDir} (survives {@link #kill()} + {@link #restart()}). */
    public static DynaliteServer start(Path dataDir) {
        DynaliteServer server = new DynaliteServer(findModuleDir(), dataDir, LoopbackPorts.free());
        server.launch();
        return server;
    }

    public URI endpoint() { return URI.create("http://127.0.0.1:" + port); }

    /** Kills the server process at once (SIGKILL), as a crash would. */
    public void kill() {
        if (process == null) return;
        LoopbackPorts.killNow(process);
        process = null;
    }

    /** Starts the server again on the same port (and data directory, if any). */
    public void restart() {
        kill();
        launch();
    }

    @Override
    public void close() { kill(); }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(node(), moduleDir.resolve("node_modules/dynalite/cli.js").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        if (dataDir != null) command.addAll(List.of("--path", dataDir.toString()));
        try {
            Path log = Files.createDirectories(moduleDir.resolve("target")).resolve("dynalite-" + port + ".log");
            process = new ProcessBuilder(command).directory(moduleDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dynalite (" + String.join(" ", command) + "): is node installed?", e);
        }
        LoopbackPorts.awaitListening(port, Duration.ofSeconds(30), process);
    }

    private static String node() {
        return System.getProperty("metarec.it.node", "node");
    }

    /** The integration-tests folder holding node_modules/dynalite (the working directory under Maven). */
    private static Path findModuleDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(dir, dir.resolve("integration-tests"))) {
            if (Files.isRegularFile(candidate.resolve("node_modules/dynalite/cli.js"))) return candidate;
        }
        throw new IllegalStateException("node_modules/dynalite not found under " + dir
                + ": run `npm ci` in integration-tests (Maven does it when node_modules is missing)");
    }
}
