package dev.guidepost.core;

import java.util.Comparator;
import java.util.Objects;

/**
 * The verdict of one policy (rule) on one manifest, with everything a reader needs to act on it: where the
 * manifest is, which policy and how serious, what is wrong and how to fix it.
 *
 * @param policyId    the policy's id
 * @param policyTitle the policy's title
 * @param rule        the rule's name ({@code ""} for policies with a single rule)
 * @param severity    the policy's severity
 * @param action      what the cluster would do on a failure
 * @param outcome     pass, fail, skip or error
 * @param message     what is wrong (the validation's message), why it was skipped, or the error
 * @param remediation how to comply (may be empty)
 * @param resource    the manifest's kind, namespace and name
 * @param location    the manifest's file and line
 * @param fieldLine   the line of the field a violation names (the message ends with it too), 0 when none is known
 *                    or it is the manifest's own line
 */
public record Result(String policyId, String policyTitle, String rule, Severity severity, Action action,
        Outcome outcome, String message, String remediation, ResourceRef resource, SourceLocation location,
        int fieldLine) {

    /** A result located at its manifest alone, with no field line. */
    public Result(String policyId, String policyTitle, String rule, Severity severity, Action action, Outcome outcome,
            String message, String remediation, ResourceRef resource, SourceLocation location) {
        this(policyId, policyTitle, rule, severity, action, outcome, message, remediation, resource, location, 0);
    }

    public Result {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(location, "location");
        policyTitle = Objects.requireNonNullElse(policyTitle, policyId);
        rule = Objects.requireNonNullElse(rule, "");
        message = Objects.requireNonNullElse(message, "");
        remediation = Objects.requireNonNullElse(remediation, "");
        fieldLine = Math.max(0, fieldLine);
    }

    /**
     * Where to point a reader: the line of the field the violation names when known (for code-scanning
     * annotations and editors), else the manifest's own location.
     */
    public SourceLocation fieldLocation() {
        return fieldLine > 0 ? SourceLocation.of(location.file(), fieldLine) : location;
    }

    /** True for failures and errors: the resource would not be admitted cleanly. */
    public boolean isViolation() {
        return outcome == Outcome.FAIL || outcome == Outcome.ERROR;
    }

    /** True for violations of policies the cluster enforces (denies). */
    public boolean isEnforcedViolation() {
        return isViolation() && action == Action.ENFORCE;
    }

    /**
     * Orders results so that the violations that block a deploy (Enforce) come first; a stable sort keeps the
     * others, and each group, in their order.
     */
    public static final Comparator<Result> BLOCKING_FIRST = Comparator.comparing(r -> !r.isEnforcedViolation());

    /** How the message of a rule Guidepost could not evaluate starts. */
    public static final String NOT_CHECKED = "not checked: ";

    /**
     * True for a rule of a checked policy that Guidepost cannot evaluate (a Kyverno feature it lacks): a skip that
     * says so, never a pass. Kyverno evaluates the rule in the cluster.
     */
    public boolean isNotChecked() {
        return outcome == Outcome.SKIP && message.startsWith(NOT_CHECKED);
    }
}
