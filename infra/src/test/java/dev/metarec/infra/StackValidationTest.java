package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The CDK validates the synthesised template (CloudFormation rules: unused parameters, bad property
 * values, ...) and writes {@code validation-report.json}; the stack must pass without a single finding.
 */
class StackValidationTest {

    private static final Pattern FINDING = Pattern.compile("\"violations\"\\s*:\\s*\\[\\s*\\{");

    @Test
    void nativeStack_shouldPassCloudFormationValidationWithoutFindings() throws IOException {
        assertNoFindings(Synth.nativeDefaults().outdir());
    }

    @Test
    void jvmStack_shouldPassCloudFormationValidationWithoutFindings() throws IOException {
        assertNoFindings(Synth.jvmVariant().outdir());
    }

    @Test
    void sparkStack_shouldPassCloudFormationValidationWithoutFindings() throws IOException {
        assertNoFindings(Synth.sparkVariant().outdir());
    }

    private static void assertNoFindings(Path outdir) throws IOException {
        Path report = outdir.resolve("validation-report.json");
        if (Files.exists(report)) {
            String text = Files.readString(report);
            assertFalse(FINDING.matcher(text).find() || text.contains("\"failure\""), text);
        }
    }
}
