package dev.guidepost.core;

import java.util.Locale;

/**
 * The outcome of one expectation of a Kyverno CLI test file: one {@code results} entry for one listed resource.
 *
 * @param file       the {@code kyverno-test.yaml}, relative to the folder it was found under
 * @param test       the test's name
 * @param policy     the policy the expectation names
 * @param rule       the rule it names ({@code ""} for rule-less kinds such as ValidatingPolicy)
 * @param kind       the kind it names
 * @param resource   the resource as written in the test ({@code name} or {@code namespace/name})
 * @param expected   the expected result ({@code pass}, {@code fail}, {@code skip}, ...)
 * @param actual     what Guidepost found ({@code pass}, {@code fail}, {@code excluded}, {@code not found}, ...)
 * @param status     whether the expectation held
 * @param reason     why it failed or was skipped (empty when it passed)
 * @param policyKind the kind of the policy ({@code ValidatingPolicy}, {@code ClusterPolicy/cel}, ...), for
 *                   breaking results down
 * @param line       the 1-based line in {@code file} of what is expected (the {@code results} or {@code checks}
 *                   entry of a test file, the example of a pack's policy), or 0 when unknown
 */
public record ExpectationResult(String file, String test, String policy, String rule, String kind, String resource,
        String expected, String actual, Status status, String reason, String policyKind, int line) {

    /** An expectation whose line is unknown. */
    public ExpectationResult(String file, String test, String policy, String rule, String kind, String resource,
            String expected, String actual, Status status, String reason, String policyKind) {
        this(file, test, policy, rule, kind, resource, expected, actual, status, reason, policyKind, 0);
    }

    /** Whether an expectation held. */
    public enum Status {
        /** The expectation held, by Kyverno's rules. */
        PASSED,
        /** The expectation did not hold. */
        FAILED,
        /** Guidepost cannot evaluate what the expectation needs yet; the reason names the feature. */
        SKIPPED;

        /** Lower-case name for reports. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the expectation is written ({@code file:line} as text; the file alone when the line is unknown). */
    public SourceLocation location() {
        return SourceLocation.of(file, line);
    }

    /**
     * The expectation on one line, as {@code guidepost test} prints a failure (after {@code FAIL }): location,
     * test, policy, rule, resource, expected and actual result, and the reason.
     */
    public String describe() {
        return location() + " test=" + test + " policy=" + policy + (rule.isEmpty() ? "" : " rule=" + rule)
                + " resource=" + resource + ": expected " + expected + ", got "
                + (actual.isEmpty() ? "nothing" : actual) + (reason.isEmpty() ? "" : " — " + reason);
    }

    /** The same expectation with its file named differently, for example relative to a project's folder. */
    public ExpectationResult withFile(String newFile) {
        return new ExpectationResult(newFile, test, policy, rule, kind, resource, expected, actual, status, reason,
                policyKind, line);
    }
}
