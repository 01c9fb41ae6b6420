package dev.metarec.functions.local;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local server runs with authorization off, so it listens on loopback only unless told otherwise, and then
 * says loudly what that means: the {@code local} profile of application.properties, and the {@code ./metarec}
 * script's command line (its {@code --dry-run} prints the java command without building or running anything).
 */
class LocalServerBindingTest {
    private static final Path SCRIPT = Path.of("../../metarec").toAbsolutePath().normalize();

    private static SmallRyeConfig profile(String profile) throws IOException {
        return new SmallRyeConfigBuilder().withProfile(profile).addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(LocalServerBindingTest.class.getResource("/application.properties"), 100)).build();
    }

    @Test
    void theLocalProfile_shouldListenOnLoopback_andAnswerOnlyLoopbackHostNames() throws IOException {
        SmallRyeConfig local = profile("local");
        assertEquals("127.0.0.1", local.getValue("quarkus.http.host", String.class));
        assertEquals(List.of("localhost", "127.0.0.1", "[::1]"), local.getValues("metarec.http.allowed-hosts", String.class));
        assertEquals(false, local.getValue("metarec.auth.enabled", Boolean.class), "the reason for both: authorization is off locally");
        assertTrue(profile("prod").getOptionalValues("metarec.http.allowed-hosts", String.class).isEmpty(),
                "behind API Gateway there is no Host check (the gateway's domain names the API)");
    }

    private record Run(int exit, String stdout, String stderr) {}

    private static Run script(String... args) throws Exception {
        Run r = scriptExiting(args);
        assertEquals(0, r.exit(), r.stderr());
        return r;
    }

    private static Run scriptExiting(String... args) throws Exception { return scriptIn(SCRIPT.getParent(), args); }

    /** The script with --dry-run and {@code args}, started in {@code workingDir}. */
    private static Run scriptIn(Path workingDir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toAbsolutePath().toString(), "--dry-run"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(workingDir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    @Test
    void theScript_shouldRefuseAMovieLensDirectoryItCannotRead_beforeBuildingAnything(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Run missing = scriptExiting("--movielens", dir.resolve("nowhere").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.stderr().contains("no such directory"), missing.stderr());
        Run empty = scriptExiting("--movielens", dir.toString());
        assertEquals(2, empty.exit(), "an empty directory is not silently replaced by the generated demo");
        assertTrue(empty.stderr().contains("ratings.dat") && empty.stderr().contains("u.data") && empty.stderr().contains("ratings.csv"), empty.stderr());
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
        Run csv = script("--movielens", dir.toString());
        assertTrue(csv.stdout().contains("-Dmetarec.bootstrap.movielens-dir=" + dir.toAbsolutePath()), csv.stdout());
        Run relative = scriptIn(dir.getParent(), "--movielens", dir.getFileName().toString(), "--data", "store");
        assertEquals(0, relative.exit(), relative.stderr());
        assertTrue(relative.stdout().contains("-Dmetarec.bootstrap.movielens-dir=" + dir.toAbsolutePath()), "a relative path is the caller's: " + relative.stdout());
        assertTrue(relative.stdout().contains("-Dmetarec.local.dir=" + dir.getParent().toAbsolutePath() + "/store"), relative.stdout());
        Run noValue = scriptExiting("--movielens");
        assertEquals(2, noValue.exit());
        assertTrue(noValue.stderr().contains("--movielens needs a value"), noValue.stderr());
    }

    @Test
    void theScript_shouldBindLoopbackByDefault_withoutAWarning() throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), SCRIPT.toString());
        Run r = script();
        assertTrue(r.stdout().contains("-Dquarkus.http.host=127.0.0.1 "), r.stdout());
        assertTrue(r.stdout().contains("-Dmetarec.http.allowed-hosts=localhost,127.0.0.1,[::1] "), r.stdout());
        assertFalse(r.stderr().contains("WARNING"), r.stderr());
    }

    @Test
    void theScript_withAnotherHost_shouldBindIt_allowItsName_andWarnThatAuthorizationIsOff() throws Exception {
        Run r = script("--host", "192.168.1.20", "--allow-host", "box.lan");
        assertTrue(r.stdout().contains("-Dquarkus.http.host=192.168.1.20 "), r.stdout());
        assertTrue(r.stdout().contains("-Dmetarec.http.allowed-hosts=localhost,127.0.0.1,[::1],box.lan,192.168.1.20 "), r.stdout());
        assertTrue(r.stderr().contains("WARNING: metarec will listen on 192.168.1.20 with authorization OFF"), r.stderr());
    }
}
