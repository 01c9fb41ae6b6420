package dev.metarec.eval.report;

/**
 * One measured number: a metric of a method (at an adaptation step count) in a scenario of a protocol
 * variant, for one seed. Scenario examples: "new-user/existing-item", "k=5", "all".
 */
public record ResultRow(String protocol, String variant, String scenario, String method, int steps, String metric, long seed, double value) {}
