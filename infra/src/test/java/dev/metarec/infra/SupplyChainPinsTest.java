package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * What the build downloads and runs is pinned: the Maven distribution by its SHA-256 (the wrapper checks it),
 * every GitHub Action by a full commit SHA (a tag can be moved to other code), and the CDK CLI by an exact
 * version, the same in the workflow and in docs/DEPLOY.md.
 */
class SupplyChainPinsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern USES = Pattern.compile("uses:\\s*(\\S+)");
    private static final Pattern CDK_IN_DOCS = Pattern.compile("aws-cdk@(\\S+?)[`\\s]");

    @Test
    void mavenWrapper_shouldCheckTheDistributionsSha256() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"));
        assertTrue(lines.stream().anyMatch(l -> l.matches("distributionSha256Sum=[0-9a-f]{64}")), String.join("\n", lines));
        assertTrue(Files.readString(ROOT.resolve("mvnw")).contains("sha256sum -c"), "the wrapper script verifies the sum");
    }

    @Test
    void everyAction_shouldBePinnedByACommitSha_andTheCdkCliByAVersion() throws IOException {
        String workflow = Files.readString(ROOT.resolve(".github/workflows/native.yml"));
        Matcher uses = USES.matcher(workflow);
        int actions = 0;
        while (uses.find()) {
            actions++;
            assertTrue(uses.group(1).matches("[\\w.-]+/[\\w.-]+@[0-9a-f]{40}"), "not pinned by commit: " + uses.group(1));
        }
        assertTrue(actions >= 8, "found the workflow's actions: " + actions);
        Matcher version = Pattern.compile("CDK_CLI_VERSION:\\s*\"(\\d+\\.\\d+\\.\\d+)\"").matcher(workflow);
        assertTrue(version.find(), "CDK_CLI_VERSION is an exact version");
        assertFalse(workflow.contains("aws-cdk@2 ") || workflow.contains("aws-cdk@latest"), "no floating CDK CLI");

        Matcher docs = CDK_IN_DOCS.matcher(Files.readString(ROOT.resolve("docs/DEPLOY.md")));
        int mentions = 0;
        while (docs.find()) {
            mentions++;
            assertEquals(version.group(1), docs.group(1), "docs/DEPLOY.md pins the CLI the workflow uses");
        }
        assertTrue(mentions > 0);
    }
}
