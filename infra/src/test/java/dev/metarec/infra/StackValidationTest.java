package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.CfnFunction;

/**
 * The CDK validates each synthesised template against its CloudFormation rule set (the
 * {@code CloudFormationValidatePlugin}, registered by {@link Synth#validatingApp}: property types and
 * ranges, references, unused parameters, ...) and writes its findings to {@code validation-report.json};
 * the stack must pass without a single finding, warnings included. The control shows that the same
 * harness reports a known-bad template, so an empty report means "validated and clean", not "never ran".
 */
class StackValidationTest {

    /** The report of a synth without findings: the plugin ran and reported nothing. */
    private static final Pattern NO_FINDINGS = Pattern.compile("\"pluginReports\"\\s*:\\s*\\[\\s*\\]");

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

    @Test
    void validation_shouldReportAFinding_whenATemplateBreaksACloudFormationRule() throws IOException {
        Path outdir = Synth.tempDir("cdk-out-control");
        App app = Synth.validatingApp(outdir);
        Stack stack = new Stack(app, "BrokenControl");
        CfnFunction.Builder.create(stack, "InlineJava").role("arn:aws:iam::123456789012:role/r")
                .runtime("java21").handler("h") // inline code (ZipFile) exists only for Node.js and Python
                .code(CfnFunction.CodeProperty.builder().zipFile("x").build()).build();
        app.synth();

        String report = readReport(outdir);
        assertTrue(!NO_FINDINGS.matcher(report).find() && report.contains("\"E3677\"")
                && report.contains("BrokenControl/InlineJava"), "expected rule E3677 on InlineJava, got " + report);
    }

    private static void assertNoFindings(Path outdir) throws IOException {
        String report = readReport(outdir);
        assertTrue(NO_FINDINGS.matcher(report).find(), report);
    }

    private static String readReport(Path outdir) throws IOException {
        Path report = outdir.resolve(Synth.VALIDATION_REPORT);
        assertTrue(Files.exists(report), "the synth wrote no " + report);
        return Files.readString(report);
    }
}
