package dev.metarec.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks, before synthesis, that the function artifacts exist and were built for the chosen
 * {@link RuntimeMode}, so a wrong or missing build fails here with the command that fixes it instead
 * of deploying a function that cannot start.
 */
public final class Artifacts {

    private Artifacts() {
    }

    /** The class {@code spark-submit --class} starts; a job jar without it is not the EMR build. */
    static final String SPARK_MAIN_CLASS = "dev/metarec/spark/SparkMetaTrainMain.class";
    private static final String SPARK_BUILD = "./mvnw -pl spark -am -Pemr package -DskipTests";

    /** Checks both function artifacts of the settings, and the Spark job jar when the spark trainer is chosen. */
    public static void check(DeploymentSettings settings) {
        check("apiArtifact", settings.apiArtifact(), settings.runtime(), settings.architecture(), "functions/api");
        check("metaTrainArtifact", settings.metaTrainArtifact(), settings.runtime(), settings.architecture(),
                "functions/meta-train");
        if (settings.trainer() == Trainer.SPARK) {
            checkSparkJob(settings.sparkJob().artifact());
        }
    }

    /** Checks that the Spark job jar exists and is the shaded EMR build (it holds the job's main class). */
    public static void checkSparkJob(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Spark job 'sparkJobArtifact' not found at "
                    + jar.toAbsolutePath().normalize() + ". Build it first with `" + SPARK_BUILD
                    + "` (from the repository root), or pass -c sparkJobArtifact=<path to the -emr.jar>.");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry(SPARK_MAIN_CLASS) == null) {
                throw new IllegalStateException("Spark job 'sparkJobArtifact' at " + jar + " has no "
                        + SPARK_MAIN_CLASS + ", so it is not the job jar. Build it with `" + SPARK_BUILD + "`.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Spark job 'sparkJobArtifact' at " + jar + " is not a readable jar", e);
        }
    }

    /**
     * Checks one artifact. A directory is accepted as is (already unpacked code); a file must be a zip
     * holding {@code bootstrap} for {@link RuntimeMode#NATIVE} or a {@code .jar} for {@link RuntimeMode#JVM}.
     * A native {@code bootstrap} must be an executable for {@code cpu} (read from its ELF header).
     *
     * @param contextKey the context key that overrides the path, named in the message
     * @param module     the Maven module that builds it, named in the message
     */
    public static void check(String contextKey, Path artifact, RuntimeMode mode, CpuArchitecture cpu,
                             String module) {
        String build = mode == RuntimeMode.NATIVE
                ? "./mvnw package -Dnative -Dquarkus.native.container-build=true -pl " + module + " -am"
                : "./mvnw package -pl " + module + " -am";
        if (!Files.exists(artifact)) {
            throw new IllegalStateException("Lambda artifact '" + contextKey + "' not found at "
                    + artifact.toAbsolutePath().normalize() + ". Build it first with `" + build
                    + "` (from the repository root), or pass -c " + contextKey + "=<path to function.zip>.");
        }
        if (Files.isDirectory(artifact)) {
            return;
        }
        if (!artifact.getFileName().toString().endsWith(".zip")) {
            throw new IllegalStateException("Lambda artifact '" + contextKey + "' must be a .zip or a directory, got "
                    + artifact);
        }
        boolean hasBootstrap = false;
        boolean hasJar = false;
        CpuArchitecture built = null;
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                if (entry.getName().equals("bootstrap")) {
                    hasBootstrap = true;
                    built = elfArchitecture(zip, entry);
                }
                hasJar |= entry.getName().endsWith(".jar");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Lambda artifact '" + contextKey + "' at " + artifact
                    + " is not a readable zip", e);
        }
        if (mode == RuntimeMode.NATIVE && !hasBootstrap) {
            throw new IllegalStateException("Lambda artifact '" + contextKey + "' at " + artifact
                    + " has no 'bootstrap' executable, so it is not a native build. Build it with `" + build
                    + "`, or deploy the JVM build with -c runtime=jvm.");
        }
        if (mode == RuntimeMode.NATIVE && built != null && built != cpu) {
            throw new IllegalStateException("Lambda artifact '" + contextKey + "' at " + artifact
                    + " is a native executable for " + built.id() + " but the functions run on " + cpu.id()
                    + ". Build it on an " + cpu.id() + " machine, or pass -c architecture=" + built.id() + ".");
        }
        if (mode == RuntimeMode.JVM && !hasJar) {
            throw new IllegalStateException("Lambda artifact '" + contextKey + "' at " + artifact
                    + " holds no .jar, so it is not a JVM build. Build it with `" + build
                    + "`, or deploy the native build with -c runtime=native.");
        }
    }

    /** The architecture in the ELF header of a zip entry, or null when it is not an ELF file of a known one. */
    private static CpuArchitecture elfArchitecture(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] header = in.readNBytes(20);
            boolean elf = header.length == 20 && header[0] == 0x7f && header[1] == 'E' && header[2] == 'L'
                    && header[3] == 'F';
            if (!elf) {
                return null;
            }
            boolean littleEndian = header[5] == 1;
            int machine = littleEndian
                    ? (header[18] & 0xff) | (header[19] & 0xff) << 8
                    : (header[19] & 0xff) | (header[18] & 0xff) << 8;
            return CpuArchitecture.ofElfMachine(machine);
        }
    }
}
