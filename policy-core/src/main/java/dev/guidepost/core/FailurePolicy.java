package dev.guidepost.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes a check fail a build, shared by the command line and the Maven plugin so both agree:
 * <ul>
 * <li>a violation (failure or error) of an {@code Enforce} policy counts, because the cluster would deny the
 * resource;</li>
 * <li>with {@link #failOnSeverity()}, violations of {@code Audit} and {@code Warn} policies at or above that
 * severity count too (the threshold makes a check stricter; it never excuses an {@code Enforce} violation);</li>
 * <li>violations listed in the {@link Baseline} never count;</li>
 * <li>the check fails when more than {@link #maxAllowedViolations()} violations count, unless
 * {@link #failOnViolation()} is false (report only);</li>
 * <li>a manifest that could not be read always fails the check: its policies were not checked.</li>
 * </ul>
 *
 * @param failOnViolation      false to report violations without failing
 * @param failOnSeverity       also count Audit and Warn violations at or above this severity
 * @param maxAllowedViolations how many counting violations are tolerated (0: none)
 */
public record FailurePolicy(boolean failOnViolation, Optional<Severity> failOnSeverity, int maxAllowedViolations) {

    /** Enforce violations fail, nothing else does; none is tolerated. */
    public static final FailurePolicy DEFAULT = new FailurePolicy(true, Optional.empty(), 0);

    public FailurePolicy {
        Objects.requireNonNull(failOnSeverity, "failOnSeverity");
        if (maxAllowedViolations < 0) {
            throw new GuidepostException("maxAllowedViolations must be 0 or more, not " + maxAllowedViolations);
        }
    }

    /** This policy with a severity threshold. */
    public FailurePolicy withFailOnSeverity(Severity threshold) {
        return new FailurePolicy(failOnViolation, Optional.ofNullable(threshold), maxAllowedViolations);
    }

    /** This policy tolerating up to {@code max} counting violations. */
    public FailurePolicy withMaxAllowedViolations(int max) {
        return new FailurePolicy(failOnViolation, failOnSeverity, max);
    }

    /** This policy reporting only ({@code false}) or failing ({@code true}) on violations. */
    public FailurePolicy withFailOnViolation(boolean fail) {
        return new FailurePolicy(fail, failOnSeverity, maxAllowedViolations);
    }

    /**
     * Parses a severity threshold ({@code low|medium|high|critical}); blank or {@code none} gives empty.
     *
     * @throws GuidepostException naming the valid values
     */
    public static Optional<Severity> parseSeverity(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        return Optional.of(Severity.parse(text).orElseThrow(() -> new GuidepostException(
                "unknown severity '" + text.strip() + "'; use low, medium, high, critical or none")));
    }

    /** True when this violation counts against the check (before the baseline is applied). */
    public boolean counts(Result result) {
        return result.isViolation() && (result.action() == Action.ENFORCE
                || failOnSeverity.map(threshold -> result.severity().atLeast(threshold)).orElse(false));
    }

    /** Judges a report with a baseline of known violations. */
    public Verdict judge(Report report, Baseline baseline) {
        List<Result> counting = new ArrayList<>();
        List<Result> tolerated = new ArrayList<>();
        Baseline.Split split = baseline.split(report);
        for (Result result : split.newViolations()) {
            (counts(result) ? counting : tolerated).add(result);
        }
        return new Verdict(this, counting, tolerated, split.known(), split.fixed(), split.unchecked(),
                report.unreadable());
    }

    /** Judges a report without a baseline. */
    public Verdict judge(Report report) {
        return judge(report, Baseline.empty());
    }

    /** A short description of the policy, for logs. */
    public String describe() {
        StringBuilder out = new StringBuilder("Enforce violations");
        failOnSeverity.ifPresent(s -> out.append(" and violations of severity ").append(s.label())
                .append(" or higher"));
        out.append(failOnViolation ? " fail" : " are reported only (failOnViolation is false)");
        if (failOnViolation && maxAllowedViolations > 0) {
            out.append(" when more than ").append(maxAllowedViolations);
        }
        return out.toString();
    }
}
