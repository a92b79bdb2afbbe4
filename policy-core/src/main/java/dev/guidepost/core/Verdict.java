package dev.guidepost.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import dev.guidepost.core.internal.pack.IdSimilarity;
import dev.guidepost.core.internal.report.Plural;

/**
 * A {@link FailurePolicy}'s judgement of a report: which violations count against the check, which are only
 * warnings, which the baseline knows, and whether the check fails.
 *
 * @param policy     the failure policy that judged
 * @param counting   new violations that count against the check
 * @param tolerated  new violations that do not count (Audit and Warn policies below the threshold)
 * @param known      violations listed in the baseline
 * @param fixed      baseline entries whose policy and resource were checked without a violation
 * @param unseen     baseline entries whose resource (or policy) no manifest checked here has: removed, or outside
 *                   the manifests checked
 * @param unreadable documents that could not be read
 */
public record Verdict(FailurePolicy policy, List<Result> counting, List<Result> tolerated, List<Result> known,
        List<Baseline.Entry> fixed, List<Baseline.Entry> unseen, List<ManifestProblem> unreadable) {

    public Verdict {
        Objects.requireNonNull(policy, "policy");
        counting = List.copyOf(counting);
        tolerated = List.copyOf(tolerated);
        known = List.copyOf(known);
        fixed = List.copyOf(fixed);
        unseen = List.copyOf(unseen);
        unreadable = List.copyOf(unreadable);
    }

    /** True when the violations that count are more than allowed (and failing is on). */
    public boolean violationsFail() {
        return policy.failOnViolation() && counting.size() > policy.maxAllowedViolations();
    }

    /** True when the check fails: too many counting violations, or an unreadable manifest. */
    public boolean failed() {
        return violationsFail() || !unreadable.isEmpty();
    }

    /** True when the result is a violation that counts against the check. */
    public boolean counts(Result result) {
        return counting.contains(result);
    }

    /** True when the result is a violation the baseline knows. */
    public boolean isKnown(Result result) {
        return known.contains(result);
    }

    /**
     * One sentence for logs and exception messages, for example
     * {@code 3 violations fail the check (2 of Enforce policies, 1 at or above severity high); 1 known violation in
     * the baseline; 1 manifest could not be read}.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!counting.isEmpty()) {
            long enforced = counting.stream().filter(r -> r.action() == Action.ENFORCE).count();
            long bySeverity = counting.size() - enforced;
            String detail = policy.failOnSeverity().isEmpty() || bySeverity == 0 ? ""
                    : " (" + enforced + " of Enforce policies, " + bySeverity + " at or above severity "
                            + policy.failOnSeverity().get().label() + ")";
            String count = Plural.count(counting.size(), "violation");
            if (violationsFail()) {
                parts.add(count + (counting.size() == 1 ? " fails" : " fail") + " the check" + detail
                        + (policy.maxAllowedViolations() > 0
                                ? ", more than the " + policy.maxAllowedViolations() + " allowed" : ""));
            } else if (!policy.failOnViolation()) {
                parts.add(count + " reported only (failOnViolation is false)" + detail);
            } else {
                parts.add(count + " within the " + policy.maxAllowedViolations() + " allowed" + detail);
            }
        }
        if (!tolerated.isEmpty()) {
            parts.add(Plural.count(tolerated.size(), "warning") + " (Audit/Warn policies)");
        }
        if (!known.isEmpty()) {
            parts.add(Plural.count(known.size(), "known violation") + " in the baseline");
        }
        if (!fixed.isEmpty()) {
            parts.add(Plural.count(fixed.size(), "baseline entry", "baseline entries") + " fixed");
        }
        if (!unseen.isEmpty()) {
            parts.add(Plural.count(unseen.size(), "baseline entry", "baseline entries") + " not seen");
        }
        if (!unreadable.isEmpty()) {
            parts.add(Plural.count(unreadable.size(), "manifest") + " could not be read");
        }
        return parts.isEmpty() ? "no violations" : String.join("; ", parts);
    }

    /**
     * One line per baseline entry to clean up, for logs: {@code FIXED} for an entry checked without a violation,
     * {@code UNSEEN} for one whose resource was not among the manifests checked.
     *
     * @param baselineName how to name the baseline file in the advice
     */
    public List<String> baselineCleanup(String baselineName) {
        return baselineCleanup(baselineName, List.of());
    }

    /**
     * As {@link #baselineCleanup(String)}; knowing the pack's policies, an entry naming none of them is an
     * {@code UNKNOWN POLICY} line with the ids it probably meant rather than {@code UNSEEN} (its resource may well
     * have been checked).
     *
     * @param policies the pack's policies (empty: not known)
     */
    public List<String> baselineCleanup(String baselineName, Collection<Policy> policies) {
        List<String> ids = policies.stream().map(Policy::id).toList();
        List<String> lines = new ArrayList<>();
        fixed.forEach(e -> lines.add("FIXED " + e + " is in the baseline but no longer violated; remove it from "
                + baselineName));
        for (Baseline.Entry e : unseen) {
            if (!ids.isEmpty() && !ids.contains(e.policyId())) {
                lines.add("UNKNOWN POLICY " + e + " is in the baseline, but the pack has no policy "
                        + Baseline.unknownPolicyAdvice(e.policyId(), IdSimilarity.similar(ids, e.policyId()),
                                " in " + baselineName));
            } else {
                lines.add("UNSEEN " + e + " is in the baseline but none of the manifests checked is that resource "
                        + "(removed, or outside the manifests checked); remove it from " + baselineName
                        + " if the resource is gone");
            }
        }
        return lines;
    }
}
