package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.Bucket;

class NoWildcardGrantsTest {

    @Test
    void nativeStack_shouldGrantNoWildcardActionsOrResources() {
        assertEquals(List.of(), WildcardPolicies.violations(Synth.nativeDefaults().json()));
    }

    @Test
    void jvmStack_shouldGrantNoWildcardActionsOrResources() {
        assertEquals(List.of(), WildcardPolicies.violations(Synth.jvmVariant().json()));
    }

    @Test
    void sparkStack_shouldGrantNoWildcardActionsOrResources() {
        assertEquals(List.of(), WildcardPolicies.violations(Synth.sparkVariant().json()));
    }

    @Test
    void checker_shouldAcceptTheExportsOfATableAndTheJobRunsOfAnApplication_ofThisTemplateOnly() {
        Object tableExports = join(Map.of("Fn::GetAtt", List.of("Events", "Arn")), "/export/*");
        Object appJobRuns = join(Map.of("Fn::GetAtt", List.of("App", "Arn")), "/jobruns/*");
        Object bucketExports = join(Map.of("Fn::GetAtt", List.of("Events", "Arn")), "/jobruns/*");
        Map<String, Object> template = Map.of("Resources", Map.of(
                "Events", Map.of("Type", "AWS::DynamoDB::Table"),
                "App", Map.of("Type", "AWS::EMRServerless::Application"),
                "P", Map.of("Properties", Map.of("PolicyDocument", Map.of("Statement", List.of(
                        Map.of("Effect", "Allow", "Action", "dynamodb:DescribeExport", "Resource", tableExports),
                        Map.of("Effect", "Allow", "Action", "emr-serverless:GetJobRun", "Resource", appJobRuns),
                        Map.of("Effect", "Allow", "Action", "emr-serverless:GetJobRun", "Resource", bucketExports),
                        Map.of("Effect", "Allow", "Action", "dynamodb:DescribeExport",
                                "Resource", "arn:aws:dynamodb:r:a:table/*/export/*"),
                        Map.of("Effect", "Allow", "Action", "s3:GetObject", "Resource", "arn:aws:s3:::*/exports/*")))))));

        List<String> violations = WildcardPolicies.violations(template);

        assertEquals(3, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("Fn::GetAtt=[Events, Arn]}}/jobruns/*"), violations.get(0));
        assertTrue(violations.get(1).contains("table/*/export/*"), violations.get(1));
        assertTrue(violations.get(2).contains("arn:aws:s3:::*/exports/*"), violations.get(2));
    }

    @Test
    void checker_shouldReportWildcardActionsResourcesAndPublicPrincipals() {
        Map<String, Object> template = template(List.of(
                Map.of("Effect", "Allow", "Action", "dynamodb:*", "Resource", "arn:aws:dynamodb:r:a:table/t"),
                Map.of("Effect", "Allow", "Action", List.of("s3:GetObject"), "Resource", "*"),
                Map.of("Effect", "Allow", "Action", "dynamodb:GetItem", "Resource", "arn:aws:dynamodb:r:a:table/*"),
                Map.of("Effect", "Allow", "Action", "s3:GetObject", "Principal", "*",
                        "Resource", "arn:aws:s3:::b/checkpoints/*"),
                Map.of("Effect", "Allow", "NotAction", "iam:PassRole", "Resource", "arn:aws:s3:::b")));

        List<String> violations = WildcardPolicies.violations(template);

        assertEquals(5, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("wildcard action dynamodb:*"), violations.get(0));
        assertTrue(violations.get(1).contains("wildcard resource *"), violations.get(1));
        assertTrue(violations.get(2).contains("table/*"), violations.get(2));
        assertTrue(violations.get(3).contains("any principal"), violations.get(3));
        assertTrue(violations.get(4).contains("NotAction"), violations.get(4));
    }

    @Test
    void checker_shouldAcceptPrefixWildcardsAndBroadDenies() {
        Object eventLogObjects = Map.of("Fn::Join", List.of("", List.of(
                Map.of("Fn::GetAtt", List.of("B", "Arn")), "/event-log/*")));
        Map<String, Object> template = template(List.of(
                Map.of("Effect", "Allow", "Action", "s3:PutObject", "Resource", eventLogObjects),
                Map.of("Effect", "Deny", "Action", "s3:*", "Principal", Map.of("AWS", "*"), "Resource", "*")));

        assertEquals(List.of(), WildcardPolicies.violations(template));
    }

    @Test
    void checker_shouldCatchTheCdkGrantHelpers_thatTheStackAvoids() {
        App app = new App();
        Stack stack = new Stack(app, "Helpers");
        Bucket bucket = new Bucket(stack, "Bucket");
        Role role = Role.Builder.create(stack, "Role").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        bucket.grantReadWrite(role);

        List<String> violations = WildcardPolicies.violations(Template.fromStack(stack).toJSON());

        assertTrue(violations.stream().anyMatch(v -> v.contains("wildcard action s3:GetObject*")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("wildcard resource ${{Fn::GetAtt=[Bucket")),
                violations.toString());
    }

    private static Object join(Object reference, String suffix) {
        return Map.of("Fn::Join", List.of("", List.of(reference, suffix)));
    }

    private static Map<String, Object> template(List<Map<String, Object>> statements) {
        return Map.of("Resources", Map.of("P", Map.of("Properties",
                Map.of("PolicyDocument", Map.of("Statement", statements)))));
    }
}
