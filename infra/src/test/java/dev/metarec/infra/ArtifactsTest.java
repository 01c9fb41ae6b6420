package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactsTest {

    @TempDir
    Path dir;

    @Test
    void check_shouldNameTheKeyAndTheBuildCommand_whenTheZipIsMissing() {
        Path missing = dir.resolve("function.zip");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Artifacts.check("apiArtifact", missing, RuntimeMode.NATIVE, "functions/api"));

        assertTrue(e.getMessage().contains("apiArtifact") && e.getMessage().contains(missing.toString())
                && e.getMessage().contains("-Dnative") && e.getMessage().contains("-pl functions/api"), e.getMessage());
    }

    @Test
    void check_shouldAcceptANativeZip_withBootstrap() throws IOException {
        Path zip = zip("bootstrap");

        assertDoesNotThrow(() -> Artifacts.check("apiArtifact", zip, RuntimeMode.NATIVE, "functions/api"));
    }

    @Test
    void check_shouldRejectAJvmZip_whenNativeIsChosen() throws IOException {
        Path zip = zip("lib/quarkus-run.jar");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Artifacts.check("metaTrainArtifact", zip, RuntimeMode.NATIVE, "functions/meta-train"));

        assertTrue(e.getMessage().contains("no 'bootstrap'") && e.getMessage().contains("-c runtime=jvm"), e.getMessage());
    }

    @Test
    void check_shouldRejectANativeZip_whenJvmIsChosen() throws IOException {
        Path zip = zip("bootstrap");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Artifacts.check("apiArtifact", zip, RuntimeMode.JVM, "functions/api"));

        assertTrue(e.getMessage().contains("no .jar") && e.getMessage().contains("-c runtime=native"), e.getMessage());
    }

    @Test
    void check_shouldAcceptAJvmZip_andADirectory() throws IOException {
        Path zip = zip("lib/quarkus-run.jar");

        assertDoesNotThrow(() -> Artifacts.check("apiArtifact", zip, RuntimeMode.JVM, "functions/api"));
        assertDoesNotThrow(() -> Artifacts.check("apiArtifact", dir, RuntimeMode.NATIVE, "functions/api"));
    }

    @Test
    void check_shouldRejectAFileThatIsNotAZip() throws IOException {
        Path jar = Files.writeString(dir.resolve("function.jar"), "x");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Artifacts.check("apiArtifact", jar, RuntimeMode.JVM, "functions/api"));

        assertTrue(e.getMessage().contains(".zip or a directory"), e.getMessage());
    }

    private Path zip(String entry) throws IOException {
        Path zip = dir.resolve("function.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zos = new ZipOutputStream(out)) {
            zos.putNextEntry(new ZipEntry(entry));
            zos.write(new byte[] {1, 2, 3});
            zos.closeEntry();
        }
        return zip;
    }
}
