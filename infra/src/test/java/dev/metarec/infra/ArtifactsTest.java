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
                () -> Artifacts.check("apiArtifact", missing, RuntimeMode.NATIVE, CpuArchitecture.ARM64, "functions/api"));

        assertTrue(e.getMessage().contains("apiArtifact") && e.getMessage().contains(missing.toString())
                && e.getMessage().contains("-Dnative") && e.getMessage().contains("-pl functions/api"), e.getMessage());
    }

    @Test
    void check_shouldAcceptANativeZip_withBootstrap() throws IOException {
        Path zip = zip("bootstrap");

        assertDoesNotThrow(() -> Artifacts.check("apiArtifact", zip, RuntimeMode.NATIVE, CpuArchitecture.ARM64, "functions/api"));
    }

    @Test
    void check_shouldRejectAJvmZip_whenNativeIsChosen() throws IOException {
        Path zip = zip("lib/quarkus-run.jar");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Artifacts.check("metaTrainArtifact", zip, RuntimeMode.NATIVE, CpuArchitecture.ARM64, "functions/meta-train"));

        assertTrue(e.getMessage().contains("no 'bootstrap'") && e.getMessage().contains("-c runtime=jvm"), e.getMessage());
    }

    @Test
    void check_shouldRejectANativeZip_whenJvmIsChosen() throws IOException {
        Path zip = zip("bootstrap");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Artifacts.check("apiArtifact", zip, RuntimeMode.JVM, CpuArchitecture.ARM64, "functions/api"));

        assertTrue(e.getMessage().contains("no .jar") && e.getMessage().contains("-c runtime=native"), e.getMessage());
    }

    @Test
    void check_shouldAcceptAJvmZip_andADirectory() throws IOException {
        Path zip = zip("lib/quarkus-run.jar");

        assertDoesNotThrow(() -> Artifacts.check("apiArtifact", zip, RuntimeMode.JVM, CpuArchitecture.ARM64, "functions/api"));
        assertDoesNotThrow(() -> Artifacts.check("apiArtifact", dir, RuntimeMode.NATIVE, CpuArchitecture.ARM64, "functions/api"));
    }

    @Test
    void check_shouldRejectAFileThatIsNotAZip() throws IOException {
        Path jar = Files.writeString(dir.resolve("function.jar"), "x");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Artifacts.check("apiArtifact", jar, RuntimeMode.JVM, CpuArchitecture.ARM64, "functions/api"));

        assertTrue(e.getMessage().contains(".zip or a directory"), e.getMessage());
    }

    @Test
    void check_shouldRejectANativeExecutableForAnotherArchitecture() throws IOException {
        Path zip = zip("bootstrap", elfHeader(62));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Artifacts.check("apiArtifact", zip, RuntimeMode.NATIVE, CpuArchitecture.ARM64, "functions/api"));

        assertTrue(e.getMessage().contains("for x86_64 but the functions run on arm64")
                && e.getMessage().contains("-c architecture=x86_64"), e.getMessage());
        assertDoesNotThrow(() -> Artifacts.check("apiArtifact", zip, RuntimeMode.NATIVE, CpuArchitecture.X86_64,
                "functions/api"));
    }

    @Test
    void check_shouldAcceptANativeExecutableForTheChosenArchitecture() throws IOException {
        Path zip = zip("bootstrap", elfHeader(183));

        assertDoesNotThrow(() -> Artifacts.check("apiArtifact", zip, RuntimeMode.NATIVE, CpuArchitecture.ARM64,
                "functions/api"));
    }

    @Test
    void checkSparkJob_shouldNameTheKeyAndTheBuildCommand_whenTheJarIsMissing() {
        Path missing = dir.resolve("metarec-spark-emr.jar");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Artifacts.checkSparkJob(missing));

        assertTrue(e.getMessage().contains("sparkJobArtifact") && e.getMessage().contains(missing.toString())
                && e.getMessage().contains("./mvnw -pl spark -am -Pemr package"), e.getMessage());
    }

    @Test
    void checkSparkJob_shouldRejectAJarWithoutTheJobsMainClass_andAcceptTheJobJar() throws IOException {
        Path plain = zip("dev/metarec/spark/SparkMetaTrain.class");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Artifacts.checkSparkJob(plain));

        assertTrue(e.getMessage().contains("has no dev/metarec/spark/SparkMetaTrainMain.class"), e.getMessage());
        assertDoesNotThrow(() -> Artifacts.checkSparkJob(zip(Artifacts.SPARK_MAIN_CLASS)));
    }

    @Test
    void check_shouldCheckTheSparkJob_onlyWhenTheSparkTrainerIsChosen() throws IOException {
        Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        DeploymentSettings lambda = DeploymentSettings.defaults(RuntimeMode.NATIVE, unpacked, unpacked);
        DeploymentSettings spark = lambda.withSparkTrainer(new SparkJob(dir.resolve("absent.jar"), java.util.List.of()));

        assertDoesNotThrow(() -> Artifacts.check(lambda));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Artifacts.check(spark));
        assertTrue(e.getMessage().contains("absent.jar"), e.getMessage());
    }

    /** The first 20 bytes of a little-endian 64-bit ELF executable for {@code machine}. */
    private static byte[] elfHeader(int machine) {
        byte[] header = new byte[64];
        header[0] = 0x7f;
        header[1] = 'E';
        header[2] = 'L';
        header[3] = 'F';
        header[4] = 2;
        header[5] = 1;
        header[16] = 2;
        header[18] = (byte) machine;
        return header;
    }

    private Path zip(String entry) throws IOException {
        return zip(entry, new byte[] {1, 2, 3});
    }

    private Path zip(String entry, byte[] content) throws IOException {
        Path zip = dir.resolve("function.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zos = new ZipOutputStream(out)) {
            zos.putNextEntry(new ZipEntry(entry));
            zos.write(content);
            zos.closeEntry();
        }
        return zip;
    }
}
